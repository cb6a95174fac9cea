// The printable certificate: one A4 page, the QR code of the HC1 string (ECC Q; a seal's: byte mode, ECC M; 60 mm wide, four-module
// quiet zone: ISO/IEC 18004 §6.3.8) drawn as one vector path of merged rectangles, and the content in French and English
// (certificate-content.ts). Standard fonts only (nothing to embed), WinAnsi-safe text (win-ansi.ts).
// The PDF is built in memory; its metadata are fixed strings, never a value from the certificate.
import type PDFDocument from "pdfkit";
import type { Conversion } from "../convert.js";
import type { ValueSets } from "../dcc/value-sets.js";
import { certificateContent, type Row } from "./certificate-content.js";
import { TITLE, type Label } from "./labels.js";
import { createDocument } from "./pdf-fonts.js";
import { darkRects, qrMatrix, QUIET_ZONE_MODULES, type QrContent } from "./qr-code.js";
import { toWinAnsi } from "./win-ansi.js";

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const QR_WIDTH = 60 * MM;
const VALUE_X = 250;
const VALUE_WIDTH = PAGE.width - PAGE.margin - VALUE_X;
const GREY = "#555555";

/** Fixed metadata (ISO 32000-1 §14.3.3): nothing about the holder or the certificate. */
const PDF_METADATA = {
  Title: "EU Digital COVID Certificate",
  Author: "dcc-converter",
  Subject: "EU Digital COVID Certificate / Certificat COVID numérique de l'UE",
  Keywords: "EU DCC",
  Creator: "dcc-converter",
  Producer: "dcc-converter",
} as const;

type Doc = InstanceType<typeof PDFDocument>;

function drawQr(doc: Doc, text: string, content: QrContent, top: number): number {
  const matrix = qrMatrix(text, content);
  const module = QR_WIDTH / (matrix.size - 2 * QUIET_ZONE_MODULES);
  const side = matrix.size * module;
  const left = (PAGE.width - side) / 2;
  doc.rect(left, top, side, side).fill("#FFFFFF");
  // ISO 32000-1 §8.4.4, §8.5.3: one path in module units under one transformation, filled once.
  const path = darkRects(matrix)
    .map((r) => `${r.x} ${r.y} ${r.width} ${r.height} re`)
    .join("\n");
  doc.save().transform(module, 0, 0, module, left, top).fillColor("#000000").addContent(`${path}\nf`).restore();
  return top + side;
}

function drawHeading(doc: Doc, label: Label, top: number, size: number): number {
  doc
    .font("Helvetica-Bold")
    .fontSize(size)
    .fillColor("#000000")
    .text(toWinAnsi(label.fr), PAGE.margin, top, { width: PAGE.width - 2 * PAGE.margin, align: "center", lineBreak: false });
  doc
    .font("Helvetica")
    .fontSize(size - 2)
    .fillColor(GREY)
    .text(toWinAnsi(label.en), PAGE.margin, top + size + 2, { width: PAGE.width - 2 * PAGE.margin, align: "center", lineBreak: false });
  return top + 2 * size + 8;
}

function drawRow(doc: Doc, { label, value }: Row, top: number): number {
  doc.font("Helvetica-Bold").fontSize(8.5).fillColor("#000000").text(toWinAnsi(label.fr), PAGE.margin, top, { lineBreak: false });
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(GREY)
    .text(toWinAnsi(label.en), PAGE.margin, top + 10, { lineBreak: false });
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor("#000000")
    .text(toWinAnsi(value), VALUE_X, top + 2, { width: VALUE_WIDTH });
  return Math.max(top + 24, doc.y + 4);
}

function drawSection(doc: Doc, rows: readonly Row[], top: number): number {
  doc
    .moveTo(PAGE.margin, top)
    .lineTo(PAGE.width - PAGE.margin, top)
    .lineWidth(0.5)
    .stroke(GREY);
  let y = top + 6;
  for (const r of rows) y = drawRow(doc, r, y);
  return y + 4;
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/** What one printable page shows: the format's title, the document's, its QR code, sections of rows. */
export interface PrintablePage {
  readonly title: Label;
  readonly subtitle: Label;
  readonly qr: { readonly text: string; readonly content: QrContent };
  readonly sections: readonly (readonly Row[])[];
  /** Fixed strings only (ISO 32000-1 §14.3.3): nothing about the holder or the certificate. */
  readonly metadata: Readonly<Record<"Title" | "Author" | "Subject" | "Keywords" | "Creator" | "Producer", string>>;
  readonly issuedAt: string;
}

/** One A4 page: title, subtitle, the QR code (60 mm), the sections. */
export function renderPrintablePage(page: PrintablePage): Promise<Buffer> {
  // Streams are not deflated (ISO 32000-1 §7.3.8): deflate was a sixth of a page's CPU, for ~24 KB (BENCHMARKS.md).
  const info = { ...page.metadata, CreationDate: new Date(page.issuedAt) };
  const doc = createDocument({ compress: false, size: "A4", margin: PAGE.margin, autoFirstPage: true, info });
  const bytes = collect(doc);
  let y = drawHeading(doc, page.title, PAGE.margin, 16);
  y = drawHeading(doc, page.subtitle, y, 13);
  y = drawQr(doc, page.qr.text, page.qr.content, y);
  for (const rows of page.sections) y = drawSection(doc, rows, y + 4);
  doc.end();
  return bytes;
}

/** The one-page A4 PDF of a conversion or an issuance. */
export function renderCertificatePdf(conversion: Conversion, sets: ValueSets): Promise<Buffer> {
  const content = certificateContent(conversion, sets);
  return renderPrintablePage({
    title: TITLE,
    subtitle: content.title,
    qr: { text: conversion.dcc, content: "hc1" },
    sections: [content.holder, content.entry, content.certificate],
    metadata: PDF_METADATA,
    issuedAt: conversion.issuedAt,
  });
}
