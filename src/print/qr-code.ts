// The QR code of an HC1 string (eHealth Network DCC guidelines, Vol. 4: QR code, ECC level Q). The HC1 text is
// entirely in the QR alphanumeric set (base45, RFC 9285 §4), so the encoder uses alphanumeric mode. One set of
// encoder options for every output: the PNG and SVG images (src/print/qr-image.ts) and the printable
// certificate (certificate-pdf.ts). The encoder is `qr` (README, "Dependencies"): the same version and data
// codewords as any conforming encoder; the mask it picks by the penalty rules of ISO/IEC 18004 §7.8.3 may differ.
// An ICAO VDS-NC seal is JSON (lower-case letters, braces): byte mode, at ECC level M as the Australian generator
// writes it (docs/international-format.md, "Outputs").
import encodeQR from "qr";

/** ISO/IEC 18004 §6.3.8: the quiet zone is four modules wide on every side. */
export const QUIET_ZONE_MODULES = 4;
const QR_OPTIONS = {
  hc1: { ecc: "quartile", encoding: "alphanumeric", border: QUIET_ZONE_MODULES },
  seal: { ecc: "medium", encoding: "byte", border: QUIET_ZONE_MODULES },
} as const;

/** What the code holds: an `HC1:` string (alphanumeric, ECC Q) or a VDS-NC seal (byte mode, ECC M). */
export type QrContent = keyof typeof QR_OPTIONS;

export interface QrMatrix {
  /** Modules per side, quiet zone included. */
  readonly size: number;
  /** Row-major, 1 = dark; the quiet zone is light. */
  readonly modules: Uint8Array;
}

/** A rectangle of dark modules, in module coordinates (quiet zone included). */
export interface DarkRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  height: number;
}

/** The module matrix of the QR code of an HC1 (or of a seal), quiet zone included. */
export function qrMatrix(text: string, content: QrContent = "hc1"): QrMatrix {
  const rows = encodeQR(text, "raw", QR_OPTIONS[content]);
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

/**
 * The dark modules as rectangles: each horizontal run of dark modules, stacked with the identical run of the rows
 * above it. What every vector output draws, about half as many shapes as modules in runs.
 */
export function darkRects({ size, modules }: QrMatrix): DarkRect[] {
  const rects: DarkRect[] = [];
  let open = new Map<number, DarkRect>(); // key x * (size + 1) + width: the rectangles reaching the row above
  for (let y = 0; y < size; y++) {
    const next = new Map<number, DarkRect>();
    for (let x = 0; x < size; x++) {
      if (modules[y * size + x] !== 1) continue;
      const start = x;
      while (x + 1 < size && modules[y * size + x + 1] === 1) x++;
      const width = x + 1 - start;
      const key = start * (size + 1) + width;
      let rect = open.get(key);
      if (rect === undefined) rects.push((rect = { x: start, y, width, height: 0 }));
      rect.height++;
      next.set(key, rect);
    }
    open = next;
  }
  return rects;
}
