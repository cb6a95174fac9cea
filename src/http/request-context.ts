// Request id (from a well-formed `x-request-id` or generated, echoed back) and the access log line:
// allow-listed fields only (route template, method, status, outcome code, document type, duration).
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { flatLineLogger, type Logger } from "../logging.js";
import type { HttpMetrics } from "../metrics.js";

const SAFE_REQUEST_ID = /^[\w.-]{1,64}$/;

export interface RequestLocals {
  requestId: string;
  /** Outcome code of the request: `OK` or an ErrorCode. */
  code?: string;
  documentType?: string;
  /** The API client's configured name (never its key). */
  client?: string;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

export function requestContext(logger: Logger, metrics: HttpMetrics) {
  const access = flatLineLogger(logger);
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header("x-request-id");
    const requestId = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    locals(res).requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The route template (`/v1/conversions`), never the raw URL with its query string.
      const route = typeof req.route?.path === "string" ? `${req.baseUrl}${req.route.path}` : "unmatched";
      const { code, documentType, client } = locals(res);
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode), client: client ?? "none" });
      metrics.httpSeconds.observe({ route, method: req.method }, seconds);
      access.info(
        { requestId, route, method: req.method, status: res.statusCode, code, documentType, durationMs: Math.round(seconds * 1e4) / 10 },
        "request",
      );
    });
    next();
  };
}
