// The shared standard-font metrics: each document still declares its own two fonts, and measures text exactly as
// a plain pdfkit document does.
import { test } from "node:test";
import assert from "node:assert/strict";
import PDFDocument from "pdfkit";
import { createDocument, PDF_FONTS } from "../../../src/print/pdf-fonts.js";

function written(doc: InstanceType<typeof PDFDocument>): Promise<string> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    doc.end();
  });
}

test("each document declares Helvetica and Helvetica-Bold once, as its own objects", async () => {
  for (let round = 0; round < 3; round++) {
    const doc = createDocument({ compress: false, size: "A4" });
    for (const name of PDF_FONTS) doc.font(name).text(`Certificat ${name}`);
    const pdf = await written(doc);
    for (const name of PDF_FONTS) assert.equal(pdf.split(`/BaseFont /${name}\n`).length - 1, 1, name);
    assert.match(pdf, /\/Font <<\n\/F1 \d+ 0 R\n\/F2 \d+ 0 R\n>>/, "the page's resources name both fonts");
  }
});

test("the shared metrics measure text as pdfkit's own fonts do", () => {
  const plain = new PDFDocument();
  const shared = createDocument({});
  const text = "Fabricant ou titulaire de l'AMM — AZAY LE RIDEAU, Wöhler";
  for (const name of PDF_FONTS) {
    assert.equal(shared.font(name).fontSize(10).widthOfString(text), plain.font(name).fontSize(10).widthOfString(text));
    assert.equal(shared.currentLineHeight(true), plain.currentLineHeight(true));
  }
});
