// POST /v1/conversions/batch (docs/batch-and-issuance.md): NDJSON in, NDJSON streamed out, one result line per
// input line in input order (src/batch/). Envelope only: scope, rate limit, content type, the declared
// size; then the request stream goes through the batch core and each result is written as it is ready,
// waiting for `drain` (back-pressure both ways). A client that goes away aborts the batch: no more input
// is read and no more documents are signed. Over the line or byte limit, one final ERR_BATCH_TOO_LARGE
// line ends the response (docs/batch-and-issuance.md).
import { once } from "node:events";
import { Router, type Request, type Response } from "express";
import { RequestError } from "../errors.js";
import { describeError } from "../logging.js";
import { readLines } from "../batch/read-lines.js";
import { limitLines } from "../batch/limit-lines.js";
import { runBatch } from "../batch/run-batch.js";
import { stopLines } from "../batch/stop-lines.js";
import type { AppDeps } from "./deps.js";
import { requireScope } from "./auth.js";
import { requestSlots } from "./request-slots.js";
import { apiRateLimit } from "./api-rate-limit.js";
import { observeConversion } from "./observe-conversion.js";
import { locals } from "./request-context.js";

export const NDJSON = "application/x-ndjson";

function checkEnvelope(req: Request, maxBytes: number): void {
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type !== NDJSON) throw new RequestError("ERR_REQUEST_CONTENT_TYPE");
  if (req.accepts(NDJSON) === false) throw new RequestError("ERR_NOT_ACCEPTABLE");
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new RequestError("ERR_BATCH_TOO_LARGE");
}

/** Resolves when the response can take more, or when the client is gone (then the batch is aborted). */
async function drained(res: Response, signal: AbortSignal): Promise<void> {
  await once(res, "drain", { signal }).catch(() => undefined); // rejects on abort: then the loop stops
}

export function batchRoutes(deps: AppDeps): Router {
  const router = Router();
  const { batch } = deps.config;
  const slots = requestSlots(batch.maxConcurrent, "batch");
  const convert = (document: string) => observeConversion(deps, undefined, "batch", () => deps.converter.convert(document));
  const seal = (document: string) => observeConversion(deps, undefined, "batch", () => deps.converter.seal(document), "icao");

  router.post("/v1/conversions/batch", requireScope(deps.apiClients, "batch"), apiRateLimit(deps), async (req, res) => {
    checkEnvelope(req, batch.maxBytes);
    // A batch ends the connection: the unread body of a refused batch, or the rest of an over-limit one, is not drained for nothing.
    res.setHeader("Connection", "close");
    slots.take(res);
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    res.status(200).set({ "Content-Type": NDJSON, "Cache-Control": "no-store" });
    res.flushHeaders();
    let lines = 0;
    let failed = 0;
    let outcome = "OK";
    // Draining (docs/operations.md "Shutdown"): stop reading, answer the lines read, end with one marker line.
    const results = runBatch(stopLines(limitLines(readLines(req), batch), deps.stopping), {
      convert,
      seal,
      signal: controller.signal,
      onUnexpected: (error) =>
        deps.logger.error({ requestId: locals(res).requestId, err: describeError(error) }, "unexpected batch line error"),
    });
    try {
      for await (const result of results) {
        deps.metrics.batchLines.inc({ outcome: result.outcome });
        lines += 1;
        if (result.outcome !== "OK") failed += 1;
        if (result.outcome === "ERR_BATCH_TOO_LARGE" || result.outcome === "ERR_SHUTTING_DOWN") outcome = result.outcome;
        if (!res.write(`${result.text}\n`)) await drained(res, controller.signal);
        if (controller.signal.aborted) break;
      }
    } catch (error) {
      // The request stream fails when the client goes away mid-upload: that is an abort, not a bug.
      if (!controller.signal.aborted && !req.destroyed) throw error;
      controller.abort();
    }
    deps.logger.info(
      { requestId: locals(res).requestId, event: controller.signal.aborted ? "batch-aborted" : "batch-done", lines, failed },
      "batch",
    );
    locals(res).code = outcome;
    if (!controller.signal.aborted) res.end();
  });
  return router;
}
