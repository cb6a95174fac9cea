// Serialising a conversion or an issuance (README, "HTTP API"): JSON by default, the QR image when the client
// asks for `image/png` or `image/svg+xml`, the printable certificate for `application/pdf`; the same for a seal
// (contract §9). Also the outcome bookkeeping shared by the routes.
import type { Request, Response } from "express";
import type { Conversion } from "../convert.js";
import { RequestError } from "../errors.js";
import type { ValueSets } from "../dcc/value-sets.js";
import { renderCertificatePdf } from "../print/certificate-pdf.js";
import { renderSealPdf } from "../print/seal-pdf.js";
import type { SealConversion } from "../icao/convert-seal.js";
import { QR_MEDIA_TYPES, renderQr } from "./qr-image.js";
import { locals } from "./request-context.js";

export const RESPONSE_MEDIA_TYPES = ["application/json", ...QR_MEDIA_TYPES, "application/pdf"] as const;

/** The media type to answer with, chosen before any work is done (406 when none fits). */
export function negotiate(req: Request): (typeof RESPONSE_MEDIA_TYPES)[number] {
  const chosen = req.accepts([...RESPONSE_MEDIA_TYPES]);
  if (chosen === false) throw new RequestError("ERR_NOT_ACCEPTABLE");
  return chosen as (typeof RESPONSE_MEDIA_TYPES)[number];
}

export function conversionBody(conversion: Conversion) {
  const { dcc, type, uvci, kid, issuedAt, expiresAt } = conversion;
  return { dcc, type, uvci, kid, issuedAt, expiresAt };
}

/** The JSON answer of a seal conversion (contract §9): what a batch line carries too. */
export function sealBody(conversion: SealConversion) {
  const { format, seal, type, uvci, issuedAt } = conversion;
  return { format, seal, type, uvci, issuedAt };
}

/** A seal as JSON, its QR code (byte mode, ECC M) or its printable page. */
export async function sendSeal(res: Response, conversion: SealConversion, mediaType: (typeof RESPONSE_MEDIA_TYPES)[number]): Promise<void> {
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  if (mediaType === "application/json") {
    res.status(200).json(sealBody(conversion));
    return;
  }
  if (mediaType === "application/pdf") {
    res.status(200).type(mediaType).send(await renderSealPdf(conversion));
    return;
  }
  res.status(200).type(mediaType).send(renderQr(conversion.seal, mediaType, "seal"));
}

export async function sendConversion(res: Response, conversion: Conversion, mediaType: (typeof RESPONSE_MEDIA_TYPES)[number], status: number, sets: ValueSets): Promise<void> {
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  if (mediaType === "application/json") {
    res.status(status).json(conversionBody(conversion));
    return;
  }
  if (mediaType === "application/pdf") {
    res.status(status).type(mediaType).send(await renderCertificatePdf(conversion, sets));
    return;
  }
  res.status(status).type(mediaType).send(renderQr(conversion.dcc, mediaType));
}
