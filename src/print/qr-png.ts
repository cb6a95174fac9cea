// The QR code as a PNG (ISO/IEC 15948, W3C PNG §5 and §11): 1-bit greyscale, eight pixels a module, so each module
// is one byte of a scanline. The first scanline of a module row carries the bytes (filter 0, None); the seven
// that repeat it are filter 2 (Up) and all zero, which run-length deflate folds to almost nothing.
import { constants, crc32, deflateSync } from "node:zlib";
import type { QrMatrix } from "./qr-code.js";

/** Pixels a module, in both directions (one byte of a 1-bit scanline). */
export const PNG_PIXELS_PER_MODULE = 8;
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FILTER_NONE = 0;
const FILTER_UP = 2;
const LIGHT = 0xff; // PNG §11.2.2: greyscale 1 is white
const DARK = 0x00;

/** PNG §5.3: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function header(width: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return ihdr;
}

function scanlines({ size, modules }: QrMatrix): Buffer {
  const stride = 1 + size;
  const raw = Buffer.alloc(size * PNG_PIXELS_PER_MODULE * stride);
  for (let y = 0; y < size; y++) {
    const first = y * PNG_PIXELS_PER_MODULE * stride;
    raw[first] = FILTER_NONE;
    for (let x = 0; x < size; x++) raw[first + 1 + x] = modules[y * size + x] === 1 ? DARK : LIGHT;
    for (let repeat = 1; repeat < PNG_PIXELS_PER_MODULE; repeat++) raw[first + repeat * stride] = FILTER_UP;
  }
  return raw;
}

export function renderQrPng(matrix: QrMatrix): Buffer {
  const idat = deflateSync(scanlines(matrix), { strategy: constants.Z_RLE }); // runs of bytes: a tenth of the default's CPU
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header(matrix.size * PNG_PIXELS_PER_MODULE)),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
