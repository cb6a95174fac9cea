// JSON request bodies (README.md "HTTP API"): content type enforced (415), size limited (413: 16 KiB for single
// conversions), parse errors → 400. One reader for the express routes and the hot path (src/http/hot-path.ts),
// with body-parser's JSON rules: a body is one declared by Content-Length or Transfer-Encoding; `application/json`
// in a UTF charset (UTF-8 by default, a BOM dropped); gzip, deflate or br bodies inflated under the same limit; a
// declared length above the limit refused before reading; only an object or an array at the top (RFC 8259 §2 allows
// any value; the API takes objects); an empty body is `{}`. A refused body is read off before the answer, so the
// client can read it instead of losing its connection mid-upload.
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { TextDecoder } from "node:util";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { parse as parseContentType } from "content-type";
import type { NextFunction, Request, Response } from "express";
import { RequestError } from "../errors.js";
import { isJsonObject } from "../json-object.js";

export const SINGLE_BODY_LIMIT = 16 * 1024;

const INFLATERS: Readonly<Record<string, () => NodeJS.ReadWriteStream>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
/** The first character after RFC 8259 §2's insignificant whitespace (a loop: no pattern runs over the body). */
function firstCharacter(text: string): string | undefined {
  for (const character of text) if (character !== " " && character !== "\t" && character !== "\n" && character !== "\r") return character;
  return undefined;
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || !Number.isNaN(Number(req.headers["content-length"] ?? Number.NaN));
}

/** The decoder of the request's charset, or ERR_REQUEST_CONTENT_TYPE when it is not JSON in a UTF charset. */
function jsonDecoder(req: IncomingMessage): TextDecoder {
  let type: string;
  let charset: string;
  try {
    const parsed = parseContentType(req.headers["content-type"] ?? "");
    type = parsed.type;
    charset = (parsed.parameters["charset"] ?? "utf-8").toLowerCase();
  } catch {
    throw new RequestError("ERR_REQUEST_CONTENT_TYPE");
  }
  if (!hasBody(req) || type !== "application/json" || !charset.startsWith("utf-")) throw new RequestError("ERR_REQUEST_CONTENT_TYPE");
  try {
    return new TextDecoder(charset, { fatal: false });
  } catch {
    throw new RequestError("ERR_REQUEST_CONTENT_TYPE");
  }
}

/** The body's bytes, at most `limit` of them (after inflating), the declared length checked. */
function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  const inflate = encoding === "identity" ? undefined : INFLATERS[encoding];
  if (encoding !== "identity" && inflate === undefined) return Promise.reject(new RequestError("ERR_REQUEST_CONTENT_TYPE"));
  const declared = inflate === undefined && req.headers["content-length"] !== undefined ? Number(req.headers["content-length"]) : undefined;
  if (declared !== undefined && declared > limit) return Promise.reject(new RequestError("ERR_REQUEST_TOO_LARGE"));
  const stream: Readable = inflate === undefined ? req : (req.pipe(inflate()) as unknown as Readable);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (code: "ERR_REQUEST_TOO_LARGE" | "ERR_REQUEST_MALFORMED") => {
      stream.removeAllListeners("data");
      if (stream !== req) {
        req.unpipe();
        stream.destroy();
      }
      reject(new RequestError(code));
    };
    stream.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) fail("ERR_REQUEST_TOO_LARGE");
      else chunks.push(chunk);
    });
    stream.once("error", () => fail("ERR_REQUEST_MALFORMED"));
    req.once("aborted", () => fail("ERR_REQUEST_MALFORMED"));
    stream.once("end", () => {
      if (declared !== undefined && received !== declared) fail("ERR_REQUEST_MALFORMED");
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
  });
}

/** Reads off what is left of a refused body, then rethrows: the answer goes out once the request is read. */
async function readOff(req: IncomingMessage, error: unknown): Promise<never> {
  if (!req.complete && !req.destroyed) {
    await new Promise<void>((resolve) => {
      req.once("end", resolve);
      req.once("close", resolve);
      req.resume();
    });
  }
  throw error;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = firstCharacter(text);
  if (first !== "{" && first !== "[") throw new RequestError("ERR_REQUEST_MALFORMED");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestError("ERR_REQUEST_MALFORMED");
  }
}

/** The parsed JSON body of a request, or the refusal (ERR_REQUEST_CONTENT_TYPE, ERR_REQUEST_TOO_LARGE, ERR_REQUEST_MALFORMED). */
export async function readJsonBody(req: IncomingMessage, limit: number = SINGLE_BODY_LIMIT): Promise<unknown> {
  let bytes: Buffer;
  let decoder: TextDecoder;
  try {
    decoder = jsonDecoder(req);
    bytes = await readBytes(req, limit);
  } catch (error) {
    return readOff(req, error);
  }
  return parseJson(decoder.decode(bytes));
}

/** The same as an express middleware: the parsed body on `req.body`. */
export function jsonBody(limit: number = SINGLE_BODY_LIMIT) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    req.body = await readJsonBody(req, limit);
    next();
  };
}

/** A member of a parsed JSON object body, whatever its type (undefined when absent or the body is no object). */
export function objectField(body: unknown, name: string): unknown {
  return isJsonObject(body) ? body[name] : undefined;
}

/** The named string field of a parsed JSON object body, or ERR_REQUEST_MALFORMED naming the field. */
export function stringField(body: unknown, name: string, maxLength: number = SINGLE_BODY_LIMIT): string {
  const value = objectField(body, name);
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength)
    throw new RequestError("ERR_REQUEST_MALFORMED", { field: name });
  return value;
}
