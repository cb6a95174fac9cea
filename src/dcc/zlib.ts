// zlib (RFC 1950: 2-byte header, deflate, Adler-32) around the COSE bytes (hcert specification: the
// COSE_Sign1 is zlib-compressed, then base45-encoded). node:zlib, not a package: same bytes as pako and
// ~5× faster (README, "Why each runtime dependency is here").
// Level 9 as most of the EU corpus (`78 DA`), chosen by measurement (BENCHMARKS.md, "zlib: the level that pays"):
// every compressing level and strategy costs the same CPU on a DCC-sized COSE (~25 µs a call, the set-up) and
// levels 1–9 give the same bytes; only stored blocks cost less (~10 µs saved), but they add ~14 bytes, a QR version
// for most DCCs. The window stays 32 KiB: the EU verifier apps inflate only a stream whose header is 78 01, 78 5E,
// 78 9C or 78 DA and take any other bytes as an uncompressed COSE.
import { deflateSync, inflateSync, constants } from "node:zlib";
import { DccError } from "../errors.js";

/** A decompressed DCC above this is not a DCC (the QR holds < 2 KiB): refuse instead of inflating a bomb. */
export const MAX_INFLATED_BYTES = 64 * 1024;

// The output buffer zlib writes into: a compressed DCC fits in one (a QR holds < 2 KiB), and 2 KiB instead of the
// default 16 KiB is less memory to allocate and collect for every DCC (BENCHMARKS.md, "The whole conversion in a
// worker thread"). A larger output still comes out whole, in several buffers.
const OUTPUT_CHUNK = 2048;

export function compress(cose: Uint8Array): Buffer {
  return deflateSync(cose, { level: constants.Z_BEST_COMPRESSION, chunkSize: OUTPUT_CHUNK });
}

/** Uncompressed input (EU test data "common" Z2) and broken streams (Z1) are both ERR_HC1_ZLIB. */
export function decompress(compressed: Uint8Array): Buffer {
  try {
    return inflateSync(compressed, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (cause) {
    throw new DccError("ERR_HC1_ZLIB", { cause });
  }
}
