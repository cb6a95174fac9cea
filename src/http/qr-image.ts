// The printable QR code of an HC1 string as an image: PNG or SVG, with the encoder options of
// src/print/qr-code.ts (ECC level Q, white background, quiet zone).
import bwipjs from "bwip-js";
import { QR_OPTIONS } from "../print/qr-code.js";

export const QR_MEDIA_TYPES = ["image/png", "image/svg+xml"] as const;
export type QrMediaType = (typeof QR_MEDIA_TYPES)[number];

export async function renderQr(hc1: string, mediaType: QrMediaType): Promise<Buffer> {
  if (mediaType === "image/svg+xml") return Buffer.from(bwipjs.toSVG({ ...QR_OPTIONS, text: hc1 }), "utf8");
  return bwipjs.toBuffer({ ...QR_OPTIONS, text: hc1 });
}
