// The printable QR code of an HC1 string (or of a VDS-NC seal) as an image: PNG or SVG, from the one QR encoder of
// src/print/qr-code.ts (ECC level Q for an HC1, byte mode ECC M for a seal; white background, quiet zone).
import { qrMatrix, type QrContent } from "./qr-code.js";
import { renderQrPng } from "./qr-png.js";
import { renderQrSvg } from "./qr-svg.js";

export const QR_MEDIA_TYPES = ["image/png", "image/svg+xml"] as const;
export type QrMediaType = (typeof QR_MEDIA_TYPES)[number];

export function renderQr(text: string, mediaType: QrMediaType, content: QrContent = "hc1"): Buffer {
  const matrix = qrMatrix(text, content);
  return mediaType === "image/svg+xml" ? Buffer.from(renderQrSvg(matrix), "utf8") : renderQrPng(matrix);
}
