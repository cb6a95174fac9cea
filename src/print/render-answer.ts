// The printed answers of a conversion or an issuance (README, "HTTP API"): the QR code as PNG or SVG, or the one-page
// certificate as PDF. CPU work of a few milliseconds (BENCHMARKS.md, "Printable certificate"): the service runs it in
// the conversion workers (src/workers/conversion-pool.ts), never on the event loop, and bounds how many printed
// answers are in progress at once (docs/operations.md, "Bounds").
import type { Conversion } from "../convert.js";
import type { ValueSets } from "../dcc/value-sets.js";
import { renderCertificatePdf } from "./certificate-pdf.js";
import { QR_MEDIA_TYPES, renderQr, type QrMediaType } from "./qr-image.js";

export const PRINTED_MEDIA_TYPES = [...QR_MEDIA_TYPES, "application/pdf"] as const;
export type PrintedMediaType = (typeof PRINTED_MEDIA_TYPES)[number];

/** Printed answers in progress at once per process, from the request's arrival to its last byte. */
export const PRINTED_MAX_CONCURRENT = 16;

export function isPrinted(mediaType: string): mediaType is PrintedMediaType {
  return (PRINTED_MEDIA_TYPES as readonly string[]).includes(mediaType);
}

export async function renderAnswer(conversion: Conversion, mediaType: PrintedMediaType, sets: ValueSets): Promise<Uint8Array> {
  if (mediaType === "application/pdf") return renderCertificatePdf(conversion, sets);
  return renderQr(conversion.dcc, mediaType satisfies QrMediaType);
}
