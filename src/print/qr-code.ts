// The QR code of an HC1 string (eHealth Network DCC guidelines, Vol. 4: QR code, ECC level Q): ECC level Q; the HC1 text is entirely in the
// QR alphanumeric set, so the encoder uses alphanumeric mode. One set of encoder options for every output:
// the PNG and SVG images (src/http/qr-image.ts) and the printable certificate (certificate-pdf.ts).
import bwipjs from "bwip-js";

/** A white background and a quiet zone, or readers see nothing. */
export const QR_OPTIONS = { bcid: "qrcode", eclevel: "Q", scale: 4, padding: 16, backgroundcolor: "FFFFFF" } as const;
/** ISO/IEC 18004 §6.3.8: the quiet zone is four modules wide on every side. */
export const QUIET_ZONE_MODULES = 4;

export interface QrMatrix {
  /** Modules per side. */
  readonly size: number;
  /** Row-major, 1 = dark. */
  readonly modules: readonly number[];
}

/** The module matrix of the HC1's QR code, with the same encoder options as the images. */
export function qrMatrix(hc1: string): QrMatrix {
  const options = { bcid: QR_OPTIONS.bcid, eclevel: QR_OPTIONS.eclevel, text: hc1 };
  const [symbol] = bwipjs.raw(options);
  if (symbol === undefined || !("pixs" in symbol) || symbol.pixx !== symbol.pixy) throw new TypeError("bwip-js gave no square QR matrix");
  return { size: symbol.pixx, modules: symbol.pixs };
}
