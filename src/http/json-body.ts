// JSON request bodies: content type enforced (415), size limited (413: 16 KiB for single
// conversions, README.md "HTTP API"), parse errors → 400. The handler only sees a parsed object.
import express, { type NextFunction, type Request, type Response } from "express";
import { RequestError } from "../errors.js";

export const SINGLE_BODY_LIMIT = 16 * 1024;

export function jsonBody(limit: number = SINGLE_BODY_LIMIT) {
  const parse = express.json({ limit, type: () => true, strict: true });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is("application/json")) throw new RequestError("ERR_REQUEST_CONTENT_TYPE");
    parse(req, res, next);
  };
}

/** A member of a parsed JSON object body, whatever its type (undefined when absent or the body is no object). */
export function objectField(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;
}

/** The named string field of a parsed JSON object body, or ERR_REQUEST_MALFORMED naming the field. */
export function stringField(body: unknown, name: string, maxLength: number = SINGLE_BODY_LIMIT): string {
  const value = objectField(body, name);
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) throw new RequestError("ERR_REQUEST_MALFORMED", { field: name });
  return value;
}
