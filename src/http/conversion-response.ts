// Serialising a conversion or an issuance (README, "HTTP API"): JSON by default, the QR image when the client
// asks for `image/png` or `image/svg+xml`, the printable certificate for `application/pdf`. Also the outcome bookkeeping shared by the routes.
import type { IncomingMessage, ServerResponse } from "node:http";
import accepts from "accepts";
import type { Conversion } from "../convert.js";
import { RequestError } from "../errors.js";
import type { ValueSets } from "../dcc/value-sets.js";
import { renderCertificatePdf } from "../print/certificate-pdf.js";
import { QR_MEDIA_TYPES, renderQr } from "./qr-image.js";
import { locals } from "./request-context.js";
import { sendBody, sendJson } from "./send-body.js";

export const RESPONSE_MEDIA_TYPES = ["application/json", ...QR_MEDIA_TYPES, "application/pdf"] as const;

/** The media type to answer with, chosen before any work is done (406 when none fits). */
export function negotiate(req: IncomingMessage): (typeof RESPONSE_MEDIA_TYPES)[number] {
  // `accepts`, as express's req.accepts: no Accept header is the first type, JSON.
  const chosen = accepts(req).type([...RESPONSE_MEDIA_TYPES]);
  if (chosen === false) throw new RequestError("ERR_NOT_ACCEPTABLE");
  return chosen as (typeof RESPONSE_MEDIA_TYPES)[number];
}

export function conversionBody(conversion: Conversion) {
  const { dcc, type, uvci, kid, issuedAt, expiresAt } = conversion;
  return { dcc, type, uvci, kid, issuedAt, expiresAt };
}

export async function sendConversion(res: ServerResponse, conversion: Conversion, mediaType: (typeof RESPONSE_MEDIA_TYPES)[number], status: number, sets: ValueSets): Promise<void> {
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  if (mediaType === "application/json") {
    sendJson(res, status, conversionBody(conversion));
    return;
  }
  if (mediaType === "application/pdf") {
    sendBody(res, status, mediaType, await renderCertificatePdf(conversion, sets));
    return;
  }
  sendBody(res, status, mediaType, renderQr(conversion.dcc, mediaType));
}
