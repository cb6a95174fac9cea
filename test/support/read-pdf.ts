// Reads a PDF back as a person or a scanner would: poppler-utils (pdftoppm, pdftotext, pdfinfo, installed by
// scripts/setup.sh) render and extract it, zxing-wasm reads the QR code of the rendered page.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareZXingModule, readBarcodes, type ReadResult } from "zxing-wasm/reader";

export const RENDER_DPI = 150;

let prepared: Promise<unknown> | undefined;

async function zxing(): Promise<void> {
  const wasm = readFileSync(join(import.meta.dirname, "../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"));
  prepared ??= prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  await prepared;
}

export interface ReadPdf {
  /** pdftotext of the page, in reading order. */
  readonly text: string;
  /** pdfinfo's report (metadata and page size). */
  readonly info: string;
  /** The QR codes found on the page rendered at RENDER_DPI. */
  readonly codes: ReadResult[];
}

export async function readPdf(pdf: Uint8Array): Promise<ReadPdf> {
  await zxing();
  const dir = mkdtempSync(join(tmpdir(), "dcc-pdf-"));
  try {
    const file = join(dir, "certificate.pdf");
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    execFileSync("pdftoppm", ["-png", "-r", String(RENDER_DPI), "-singlefile", file, join(dir, "page")]);
    const codes = await readBarcodes(new Uint8Array(readFileSync(join(dir, "page.png"))), { formats: ["QRCode"], textMode: "Plain" });
    return { text, info, codes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The QR codes of an image (PNG), as a scanner reads them. */
export async function readQrImage(png: Uint8Array): Promise<ReadResult[]> {
  await zxing();
  return readBarcodes(png, { formats: ["QRCode"], textMode: "Plain" });
}

/** Width in millimetres of a code read from the page rendered at RENDER_DPI. */
export function widthMm(code: ReadResult): number {
  const { topLeft, topRight } = code.position;
  return (Math.hypot(topRight.x - topLeft.x, topRight.y - topLeft.y) / RENDER_DPI) * 25.4;
}
