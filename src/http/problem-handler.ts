// The one problem+json handler (RFC 9457): every error of every route ends here.
// Expected refusals carry their stable code (request bodies too: src/http/json-body.ts); anything else is a plain
// 500, logged with its type and stack (never its message, which might hold input).
import type { ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { HTTP_STATUS, isConverterError, type ErrorCode } from "../errors.js";
import { describeError, type Logger } from "../logging.js";
import { OVERLOAD_QUEUES, type Metrics } from "../metrics.js";
import { toProblem } from "./problem.js";
import { locals } from "./request-context.js";
import { sendJson } from "./send-body.js";

/** Seconds a client should wait before retrying a 503 (HSM unavailable, overloaded, shutting down) or a 429. */
export const RETRY_AFTER_SECONDS = 5;

export function errorCodeOf(error: unknown): ErrorCode {
  return isConverterError(error) ? error.code : "ERR_INTERNAL";
}

/** Records the outcome for the access log, sets Retry-After on 503/429, and returns the status of `code`. */
export function prepareErrorStatus(res: ServerResponse, code: ErrorCode): number {
  const status = HTTP_STATUS[code];
  locals(res).code = code;
  if ((status === 503 || status === 429) && !res.hasHeader("Retry-After")) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  return status;
}

export function sendProblem(res: ServerResponse, code: ErrorCode, field?: string): void {
  const status = prepareErrorStatus(res, code);
  sendJson(res, status, toProblem(code, locals(res).requestId, field), "application/problem+json");
}

export type ErrorSender = (res: ServerResponse, code: ErrorCode, field: string | undefined) => void;

/**
 * Answers an error of a request, on either path: expected refusals are sent by `send` (problem+json, or the
 * TousAntiCovid format on its routes); unexpected errors are logged by type and stack only, never a message.
 */
export function answerError(
  logger: Logger,
  metrics: Pick<Metrics, "overloadRefusals">,
  res: ServerResponse,
  error: unknown,
  send: ErrorSender = sendProblem,
): void {
  const code = errorCodeOf(error);
  if (code === "ERR_INTERNAL") logger.error({ requestId: locals(res).requestId, err: describeError(error) }, "unexpected error");
  if (code === "ERR_OVERLOADED") countOverload(metrics, isConverterError(error) ? error.field : undefined);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, code, isConverterError(error) ? error.field : undefined);
}

/** The error middleware of the express app (answerError). */
export function problemHandler(logger: Logger, metrics: Pick<Metrics, "overloadRefusals">, send: ErrorSender = sendProblem) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction): void => answerError(logger, metrics, res, error, send);
}

/** Every ERR_OVERLOADED answer, problem+json or TousAntiCovid, is counted here by its queue. */
function countOverload(metrics: Pick<Metrics, "overloadRefusals">, field: string | undefined): void {
  const queue = (OVERLOAD_QUEUES as readonly (string | undefined)[]).includes(field) ? field! : "other";
  metrics.overloadRefusals.inc({ queue });
}
