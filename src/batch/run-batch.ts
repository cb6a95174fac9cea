// The batch core shared by `POST /v1/conversions/batch` and `dcc-converter batch` (docs/batch-and-issuance.md):
// lines in → one result per line out, in input order, a refusal giving an error line while the batch
// goes on. Bounded: at most `concurrency` lines are in flight (map-ordered.ts), so memory does not grow
// with the batch and a slow consumer slows the reading of the input.
import type { Conversion } from "../convert.js";
import { isConverterError, RequestError } from "../errors.js";
import { parseFormat, type Format } from "../format.js";
import type { SealConversion } from "../icao/convert-seal.js";
import { mapOrdered } from "./map-ordered.js";
import { isMalformed, parseBatchLine } from "./parse-line.js";
import { isOverLimit, type OverLimit } from "./limit-lines.js";
import { isStopped, type Stopped } from "./stop-lines.js";
import type { RawLine } from "./read-lines.js";
import { errorResult, sealResult, successResult, type BatchResult } from "./result-line.js";

export interface BatchOptions {
  /** One document → one conversion (prepare in the worker pool, then sign through the HSM). */
  readonly convert: (document: string) => Promise<Conversion>;
  /** One document → one VDS-NC seal (a line with `"format": "icao"`); absent = the format is off (ERR_FORMAT_OFF). */
  readonly seal?: (document: string) => Promise<SealConversion>;
  /** The format of lines that name none (`batch --format`); default `dcc`. */
  readonly format?: Format;
  /** Lines in flight: enough to keep the workers and the HSM session pool busy. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Called with an unexpected (non-product) error, for the operator's log; its line says ERR_INTERNAL. */
  readonly onUnexpected?: (error: unknown) => void;
}

export const DEFAULT_CONCURRENCY = 256;

type BatchItem = RawLine | OverLimit | Stopped;

async function convertLine(item: BatchItem, options: BatchOptions): Promise<BatchResult> {
  if (isStopped(item)) return errorResult(item.number, undefined, "ERR_SHUTTING_DOWN");
  if (isOverLimit(item)) return errorResult(item.number, undefined, "ERR_BATCH_TOO_LARGE");
  const request = parseBatchLine(item);
  if (isMalformed(request)) return errorResult(request.line, request.id, "ERR_BATCH_LINE");
  try {
    const format = parseFormat(request.format, options.format);
    if (format === "dcc") {
      return successResult(request.line, request.id, await convertAdmitted(() => options.convert(request.document), options));
    }
    const seal = options.seal;
    if (seal === undefined) throw new RequestError("ERR_FORMAT_OFF", { field: "format" });
    return sealResult(request.line, request.id, await convertAdmitted(() => seal(request.document), options));
  } catch (error) {
    if (isConverterError(error)) return errorResult(request.line, request.id, error.code);
    options.onUnexpected?.(error);
    return errorResult(request.line, request.id, "ERR_INTERNAL");
  }
}

/** Waits between two tries of a line refused by a full queue: short first, then at most a second. */
const OVERLOAD_WAIT_MS = { first: 20, max: 1_000 };

/**
 * A running batch never drops a line (docs/operations.md, "Bounds"): a line refused with ERR_OVERLOADED because
 * the conversion workers' or the HSM's queue is full (single requests filled it) waits and is tried again. The
 * batch's own window already bounds what it adds to those queues, so waiting here is back-pressure, not a queue.
 */
async function convertAdmitted<T>(convert: () => Promise<T>, options: BatchOptions): Promise<T> {
  for (let wait = OVERLOAD_WAIT_MS.first; ; wait = Math.min(wait * 2, OVERLOAD_WAIT_MS.max)) {
    try {
      return await convert();
    } catch (error) {
      if (!isConverterError(error) || error.code !== "ERR_OVERLOADED" || options.signal?.aborted === true) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export function runBatch(lines: AsyncIterable<BatchItem>, options: BatchOptions): AsyncGenerator<BatchResult> {
  return mapOrdered(lines, (item) => convertLine(item, options), options.concurrency ?? DEFAULT_CONCURRENCY, options.signal);
}
