// The QR code of an HC1 string (eHealth Network DCC guidelines, Vol. 4: QR code, ECC level Q). The HC1 text is
// entirely in the QR alphanumeric set (base45, RFC 9285 §4), so the encoder uses alphanumeric mode. One set of
// encoder options for every output: the PNG and SVG images (src/http/qr-image.ts) and the printable
// certificate (certificate-pdf.ts). The encoder is `qr` (README, "Dependencies"): the same version and data
// codewords as any conforming encoder; the mask it picks by the penalty rules of ISO/IEC 18004 §7.8.3 may differ.
import encodeQR from "qr";

/** ISO/IEC 18004 §6.3.8: the quiet zone is four modules wide on every side. */
export const QUIET_ZONE_MODULES = 4;
export const QR_OPTIONS = { ecc: "quartile", encoding: "alphanumeric", border: QUIET_ZONE_MODULES } as const;

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  readonly size: number;
  /** Row-major, 1 = dark; the quiet zone is light. */
  readonly modules: Uint8Array;
}

/** A horizontal run of dark modules, in module coordinates (quiet zone included). */
export interface DarkRun {
  readonly x: number;
  readonly y: number;
  readonly length: number;
}

/** The module matrix of the HC1's QR code, quiet zone included. */
export function qrMatrix(hc1: string): QrMatrix {
  const rows = encodeQR(hc1, "raw", QR_OPTIONS);
  const size = rows.length;
  const modules = new Uint8Array(size * size);
  rows.forEach((row, y) => {
    if (row.length !== size) throw new TypeError("the QR encoder gave no square matrix");
    row.forEach((dark, x) => {
      if (dark) modules[y * size + x] = 1;
    });
  });
  return { size, modules };
}

/** The dark modules as horizontal runs, row by row: what every vector output draws (one rectangle a run). */
export function darkRuns({ size, modules }: QrMatrix): DarkRun[] {
  const runs: DarkRun[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (modules[y * size + x] !== 1) continue;
      const start = x;
      while (x + 1 < size && modules[y * size + x + 1] === 1) x++;
      runs.push({ x: start, y, length: x + 1 - start });
    }
  }
  return runs;
}
