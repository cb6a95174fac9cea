// Logs (README: no content in logs): pino JSON on stdout with an allow-listed set of fields.
// Callers log only route, outcome code, document type and version, durations, request id and kid.
// `redact` is the second fence: should a content field ever reach a log call, it is censored.
import { pino, type Logger, type DestinationStream } from "pino";
import { logDestination } from "./log-destination.js";

export type { Logger };

/** Field names that may carry content; censored wherever they appear (two levels deep). */
const CONTENT_KEYS = [
  "document",
  "chainEncoded",
  "dcc",
  "hc1",
  "uvci",
  "ci",
  "payload",
  "nam",
  "dob",
  "fn",
  "gn",
  "fnt",
  "gnt",
  "body",
  "fields",
  "name",
  "publicKey",
  "authorization",
  "key",
  "pin",
  "documents",
  "uvcis",
  "hashes",
  "listLines",
  "hash",
];

export const REDACT_PATHS = [...CONTENT_KEYS, ...CONTENT_KEYS.map((key) => `*.${key}`), "req.headers.authorization", "req.query"];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "dcc-converter" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // Error objects are reduced to their type and code: messages of foreign errors might hold input.
    serializers: { err: (error: unknown) => describeError(error) },
  };
  // stdout by default, written asynchronously: lines logged while a write is in flight leave together (one
  // system call for many under load, BENCHMARKS.md "HTTP"); pino flushes it synchronously when the process exits.
  // Lines wait for 4 KiB or at most 200 ms: one write for ~25 access lines under load. A failing stdout does not
  // stop the service (src/log-destination.ts).
  return pino(options, destination ?? logDestination());
}

/**
 * A logger for flat lines (every value a string, number or boolean, as the access log's), fenced by the content
 * keys at the top level only: nothing lies below it. The wildcard paths cost 20–50 µs a line, one line a
 * request (BENCHMARKS.md, "HTTP conversion endpoint"); these cost about 1 µs.
 */
export function flatLineLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: CONTENT_KEYS, censor: "[redacted]" } });
}

/** What may be logged of an error: its class, its stable code, and the stack of non-product errors. */
export function describeError(error: unknown): Record<string, unknown> {
  if (typeof error !== "object" || error === null) return { type: typeof error };
  const record = error as { name?: unknown; code?: unknown; stack?: unknown };
  const isProductError = typeof record.code === "string" && record.code.startsWith("ERR_");
  return {
    type: typeof record.name === "string" ? record.name : "Error",
    code: typeof record.code === "string" ? record.code : undefined,
    // Our own stack frames say where a programmer error happened; they carry no request data.
    stack: isProductError ? undefined : typeof record.stack === "string" ? record.stack.split("\n").slice(1, 8).join("\n") : undefined,
  };
}
