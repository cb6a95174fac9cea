// Serialising a conversion or an issuance (README, "HTTP API"): JSON by default, the QR image when the client
// asks for `image/png` or `image/svg+xml`, the printable certificate for `application/pdf`. The printed answers are
// drawn by the converter (in the conversion workers: src/print/render-answer.ts), and at most PRINTED_MAX_CONCURRENT
// are in progress at once: past it, 503 ERR_OVERLOADED (`field` `render`) before the body is read.
import type { NextFunction, Request, Response } from "express";
import type { Conversion } from "../convert.js";
import { RequestError } from "../errors.js";
import { isPrinted, PRINTED_MEDIA_TYPES, type PrintedMediaType } from "../print/render-answer.js";
import { locals } from "./request-context.js";
import type { RequestSlots } from "./request-slots.js";

export const RESPONSE_MEDIA_TYPES = ["application/json", ...PRINTED_MEDIA_TYPES] as const;
export type ResponseMediaType = (typeof RESPONSE_MEDIA_TYPES)[number];

/** Draws a printed answer (the converter's `render`). */
export type RenderAnswer = (conversion: Conversion, mediaType: PrintedMediaType) => Promise<Uint8Array>;

/** The media type to answer with, chosen before any work is done (406 when none fits). */
export function negotiate(req: Request): ResponseMediaType {
  const chosen = req.accepts([...RESPONSE_MEDIA_TYPES]);
  if (chosen === false) throw new RequestError("ERR_NOT_ACCEPTABLE");
  return chosen as ResponseMediaType;
}

/** Before the body is read: a request for a printed answer takes one of the printed answers' slots, or is refused. */
export function printedSlot(slots: RequestSlots) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isPrinted(negotiate(req))) slots.take(res);
    next();
  };
}

export function conversionBody(conversion: Conversion) {
  const { dcc, type, uvci, kid, issuedAt, expiresAt } = conversion;
  return { dcc, type, uvci, kid, issuedAt, expiresAt };
}

export async function sendConversion(res: Response, conversion: Conversion, mediaType: ResponseMediaType, status: number, render: RenderAnswer): Promise<void> {
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  if (mediaType === "application/json") {
    res.status(status).json(conversionBody(conversion));
    return;
  }
  const bytes = await render(conversion, mediaType);
  res.status(status).type(mediaType).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
