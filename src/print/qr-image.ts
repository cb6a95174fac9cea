// The printable QR code of an HC1 string as an image: PNG or SVG, from the one QR encoder of
// src/print/qr-code.ts (ECC level Q, white background, quiet zone).
import { qrMatrix } from "./qr-code.js";
import { renderQrPng } from "./qr-png.js";
import { renderQrSvg } from "./qr-svg.js";

export const QR_MEDIA_TYPES = ["image/png", "image/svg+xml"] as const;
export type QrMediaType = (typeof QR_MEDIA_TYPES)[number];

export function renderQr(hc1: string, mediaType: QrMediaType): Buffer {
  const matrix = qrMatrix(hc1);
  return mediaType === "image/svg+xml" ? Buffer.from(renderQrSvg(matrix), "utf8") : renderQrPng(matrix);
}
