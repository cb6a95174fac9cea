// The printed answers of a conversion, a seal or an issuance (README, "HTTP API"; contract §9): the QR code as PNG or
// SVG, or the one-page certificate as PDF. CPU work of a few milliseconds (BENCHMARKS.md, "Printable certificate"):
// the service runs it in the conversion workers (src/workers/conversion-pool.ts), never on the event loop, and bounds
// how many printed answers are in progress at once (docs/operations.md, "Bounds"). The command line draws the same.
import type { Conversion } from "../convert.js";
import type { ValueSets } from "../dcc/value-sets.js";
import type { SealConversion } from "../icao/convert-seal.js";
import { renderCertificatePdf } from "./certificate-pdf.js";
import { QR_MEDIA_TYPES, renderQr, type QrMediaType } from "./qr-image.js";
import { renderSealPdf } from "./seal-pdf.js";

export const PRINTED_MEDIA_TYPES = [...QR_MEDIA_TYPES, "application/pdf"] as const;
export type PrintedMediaType = (typeof PRINTED_MEDIA_TYPES)[number];

/** What can be printed: a signed DCC (conversion or issuance) or an ICAO VDS-NC seal. Plain data. */
export type PrintableAnswer = Conversion | SealConversion;

/** Printed answers in progress at once per process, from the request's arrival to its last byte. */
export const PRINTED_MAX_CONCURRENT = 16;

export function isPrinted(mediaType: string): mediaType is PrintedMediaType {
  return (PRINTED_MEDIA_TYPES as readonly string[]).includes(mediaType);
}

export function isSeal(answer: PrintableAnswer): answer is SealConversion {
  return "format" in answer && answer.format === "icao";
}

/** A DCC's QR code at ECC Q and its certificate page; a seal's QR code in byte mode at ECC M and its seal page. */
export async function renderAnswer(answer: PrintableAnswer, mediaType: PrintedMediaType, sets: ValueSets): Promise<Uint8Array> {
  if (isSeal(answer)) return mediaType === "application/pdf" ? renderSealPdf(answer) : renderQr(answer.seal, mediaType, "seal");
  if (mediaType === "application/pdf") return renderCertificatePdf(answer, sets);
  return renderQr(answer.dcc, mediaType satisfies QrMediaType);
}
