// The printable QR code of an HC1 string (hcert §4.2.2 / dcc.md §1.9): ECC level Q; the HC1 text is
// entirely in the QR alphanumeric set, so the encoder uses alphanumeric mode. A white background and
// a quiet zone, or readers see nothing (platform.md).
import bwipjs from "bwip-js";

export const QR_MEDIA_TYPES = ["image/png", "image/svg+xml"] as const;
export type QrMediaType = (typeof QR_MEDIA_TYPES)[number];

const OPTIONS = { bcid: "qrcode", eclevel: "Q", scale: 4, padding: 16, backgroundcolor: "FFFFFF" } as const;

export async function renderQr(hc1: string, mediaType: QrMediaType): Promise<Buffer> {
  if (mediaType === "image/svg+xml") return Buffer.from(bwipjs.toSVG({ ...OPTIONS, text: hc1 }), "utf8");
  return bwipjs.toBuffer({ ...OPTIONS, text: hc1 });
}
