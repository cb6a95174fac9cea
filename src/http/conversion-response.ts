// Serialising a conversion or an issuance (README, "HTTP API"): JSON by default, the QR image when the client
// asks for `image/png` or `image/svg+xml`, the printable certificate for `application/pdf`. The printed answers are
// drawn by the converter (in the conversion workers: src/print/render-answer.ts), and at most PRINTED_MAX_CONCURRENT
// are in progress at once: past it, 503 ERR_OVERLOADED (`field` `render`) before the body is read. The same for a seal
// (contract §9): its QR code and page are drawn by the same `render`.
// Plain functions of node's request and response: the hot path (src/http/hot-path.ts) and express call the same.
import type { IncomingMessage, ServerResponse } from "node:http";
import accepts from "accepts";
import type { Conversion } from "../convert.js";
import { RequestError } from "../errors.js";
import { isPrinted, PRINTED_MEDIA_TYPES, type PrintableAnswer, type PrintedMediaType } from "../print/render-answer.js";
import type { SealConversion } from "../icao/convert-seal.js";
import { locals } from "./request-context.js";
import type { RequestSlots } from "./request-slots.js";
import { sendBody, sendJson } from "./send-body.js";

export const RESPONSE_MEDIA_TYPES = ["application/json", ...PRINTED_MEDIA_TYPES] as const;
export type ResponseMediaType = (typeof RESPONSE_MEDIA_TYPES)[number];

/** Draws a printed answer of a DCC or a seal (the converter's `render`). */
export type RenderAnswer = (answer: PrintableAnswer, mediaType: PrintedMediaType) => Promise<Uint8Array>;

/** The media type to answer with, chosen before any work is done (406 when none fits). */
function negotiate(req: IncomingMessage): ResponseMediaType {
  // `accepts`, as express's req.accepts: no Accept header is the first type, JSON.
  const chosen = accepts(req).type([...RESPONSE_MEDIA_TYPES]);
  if (chosen === false) throw new RequestError("ERR_NOT_ACCEPTABLE");
  return chosen as ResponseMediaType;
}

/**
 * Before the body is read: the media type to answer with (406 when none fits), and for a printed answer one of the
 * printed answers' slots (503 ERR_OVERLOADED past them).
 */
export function negotiateAnswer(req: IncomingMessage, res: ServerResponse, printed: RequestSlots): ResponseMediaType {
  const mediaType = negotiate(req);
  if (isPrinted(mediaType)) printed.take(res);
  return mediaType;
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

/** A signed DCC or seal as JSON, or its printed answer drawn by `render`. */
async function sendAnswer<A extends PrintableAnswer>(
  res: ServerResponse,
  answer: A,
  json: (answer: A) => object,
  answerWith: { readonly mediaType: ResponseMediaType; readonly status: number; readonly render: RenderAnswer },
): Promise<void> {
  const { mediaType, status, render } = answerWith;
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  if (mediaType === "application/json") {
    sendJson(res, status, json(answer));
    return;
  }
  const bytes = await render(answer, mediaType);
  sendBody(res, status, mediaType, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** A seal as JSON, its QR code (byte mode, ECC M) or its printable page. */
export function sendSeal(
  res: ServerResponse,
  conversion: SealConversion,
  mediaType: ResponseMediaType,
  render: RenderAnswer,
): Promise<void> {
  return sendAnswer(res, conversion, sealBody, { mediaType, status: 200, render });
}

export function sendConversion(
  res: ServerResponse,
  conversion: Conversion,
  mediaType: ResponseMediaType,
  status: number,
  render: RenderAnswer,
): Promise<void> {
  return sendAnswer(res, conversion, conversionBody, { mediaType, status, render });
}
