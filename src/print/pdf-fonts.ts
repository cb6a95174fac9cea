// The two standard fonts of the printable certificate (ISO 32000-1 §9.6.2.2: Helvetica and Helvetica-Bold are
// never embedded), with their metrics built once per process. pdfkit rebuilds a standard font's metrics (the AFM
// glyph widths and kerning pairs) in every document that opens it: about a fifth of a page's CPU
// (BENCHMARKS.md, "Printable certificate"). The metrics never change; each document gets its own font objects
// (its own resource name and PDF object) sharing them. This reaches into pdfkit's font cache, so pdfkit is
// pinned exactly and the printable-certificate tests read the text back from the rendered page.
import PDFDocument from "pdfkit";

type Doc = InstanceType<typeof PDFDocument>;
export const PDF_FONTS = ["Helvetica", "Helvetica-Bold"] as const;

/** The part of pdfkit's font mixin this file relies on (pdfkit 0.20, lib/mixins/fonts.js). */
interface FontCache {
  _fontFamilies: Record<string, object>;
  _fontCount: number;
}

interface StandardFont {
  readonly name: string;
}

let templates: readonly StandardFont[] | undefined;

/** The fonts opened once, in a document that is never written: the metrics to share. */
function fontTemplates(): readonly StandardFont[] {
  if (templates !== undefined) return templates;
  const template = new PDFDocument({ autoFirstPage: false, font: "" });
  templates = PDF_FONTS.map((name) => (template.font(name) as unknown as { _font: StandardFont })._font);
  return templates;
}

/** A document without pdfkit's default font (`font: ""`), with the certificate's fonts ready to use. */
export function createDocument(options: PDFKit.PDFDocumentOptions): Doc {
  const doc = new PDFDocument({ ...options, font: "" });
  const cache = doc as unknown as FontCache;
  for (const template of fontTemplates()) {
    const font: object = Object.create(Object.getPrototypeOf(template) as object);
    Object.assign(font, template, { document: doc, id: `F${++cache._fontCount}`, dictionary: null, embedded: false });
    cache._fontFamilies[template.name] = font;
  }
  return doc;
}
