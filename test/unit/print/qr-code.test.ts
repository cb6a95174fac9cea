// The one QR encoder and its images: what a scanner reads back (zxing-wasm) from the PNG, the PNG's structure
// (ISO/IEC 15948), the quiet zone (ISO/IEC 18004 §6.3.8), and the vector shapes covering exactly the dark modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, inflateSync } from "node:zlib";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { encodeBase45 } from "../../../src/dcc/base45.js";
import { darkRects, qrMatrix, QUIET_ZONE_MODULES, type QrMatrix } from "../../../src/print/qr-code.js";
import { PNG_PIXELS_PER_MODULE, renderQrPng } from "../../../src/print/qr-png.js";
import { renderQrSvg } from "../../../src/print/qr-svg.js";

/** HC1-shaped text (base45 of random bytes) of a few lengths, so several QR versions are drawn. */
const TEXTS = [40, 250, 400, 700].map((n) => `HC1:${encodeBase45(randomBytes(n))}`);

function paint(size: number, rects: readonly { x: number; y: number; width: number; height: number }[]): Uint8Array {
  const painted = new Uint8Array(size * size);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.height; y++) {
      for (let x = r.x; x < r.x + r.width; x++) painted[y * size + x] = (painted[y * size + x] ?? 0) + 1;
    }
  }
  return painted;
}

function assertQuietZone({ size, modules }: QrMatrix): void {
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = Math.min(x, y, size - 1 - x, size - 1 - y) >= QUIET_ZONE_MODULES;
      if (!inside) assert.equal(modules[y * size + x], 0, "quiet zone");
    }
  }
}

test("the PNG reads back as the same text at ECC level Q, for several QR versions", async () => {
  const wasm = readFileSync(join(import.meta.dirname, "../../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"));
  await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  const sizes = new Set<number>();
  for (const text of TEXTS) {
    const matrix = qrMatrix(text);
    sizes.add(matrix.size);
    assertQuietZone(matrix);
    const [read] = await readBarcodes(new Uint8Array(renderQrPng(matrix)), { formats: ["QRCode"], textMode: "Plain" });
    assert.equal(read?.text, text);
    assert.equal(read?.ecLevel, "Q");
  }
  assert.equal(sizes.size, TEXTS.length);
});

test("the PNG is 1-bit greyscale, eight pixels a module, with valid chunk CRCs and a light quiet zone", () => {
  const matrix = qrMatrix(TEXTS[1]!);
  const png = renderQrPng(matrix);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(typed));
    chunks.push({ type: typed.subarray(0, 4).toString("latin1"), data: typed.subarray(4) });
    at += 12 + length;
  }
  assert.deepEqual(
    chunks.map((c) => c.type),
    ["IHDR", "IDAT", "IEND"],
  );
  const width = matrix.size * PNG_PIXELS_PER_MODULE;
  const ihdr = chunks[0]!.data;
  assert.deepEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]], [width, width, 1, 0]);
  const raw = inflateSync(chunks[1]!.data);
  assert.equal(raw.length, width * (1 + width / 8));
  const firstRow = raw.subarray(1, 1 + width / 8);
  assert.ok(
    firstRow.every((b) => b === 0xff),
    "the top quiet zone is white",
  );
});

test("the vector shapes cover each dark module exactly once and nothing else (PDF and SVG)", () => {
  for (const text of TEXTS) {
    const matrix = qrMatrix(text);
    assert.deepEqual(paint(matrix.size, darkRects(matrix)), matrix.modules);
  }
});

test("the SVG path draws the same modules on a white square", () => {
  const matrix = qrMatrix(TEXTS[2]!);
  const svg = renderQrSvg(matrix);
  assert.match(svg, new RegExp(`^<svg [^>]*viewBox="0 0 ${matrix.size} ${matrix.size}"`));
  assert.match(svg, /<rect width="\d+" height="\d+" fill="#FFFFFF"\/>/);
  const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? "";
  const rects = [...d.matchAll(/M(\d+) (\d+)h(\d+)v(\d+)h-\3z/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
  }));
  assert.equal(rects.map((r) => `M${r.x} ${r.y}h${r.width}v${r.height}h-${r.width}z`).join(""), d, "the path is only rectangles");
  assert.deepEqual(paint(matrix.size, rects), matrix.modules);
});
