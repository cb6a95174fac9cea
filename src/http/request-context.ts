// Request id (from a well-formed `x-request-id` or generated, echoed back) and the access log line:
// allow-listed fields only (route template, method, status, outcome code, document type, duration).
// `trackRequest` is the one implementation; the express middleware and the hot path (src/http/hot-path.ts) call it.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, Response, NextFunction } from "express";
import { flatLineLogger, type Logger } from "../logging.js";
import type { HttpMetrics } from "../metrics.js";
import type { ApiClient } from "./auth.js";

const SAFE_REQUEST_ID = /^[\w.-]{1,64}$/;

export interface RequestLocals {
  requestId: string;
  /** Outcome code of the request: `OK` or an ErrorCode. */
  code?: string;
  documentType?: string;
  /** The API client's configured name (never its key). */
  client?: string;
  /** The authenticated API client (its scopes and rate limit), once authenticated. */
  apiClient?: ApiClient;
}

/** The request's own values, on `res.locals` as express keeps them (express leaves an existing object in place). */
export function locals(res: ServerResponse): RequestLocals {
  const holder = res as ServerResponse & { locals?: RequestLocals };
  holder.locals ??= Object.create(null) as RequestLocals;
  return holder.locals;
}

/** Gives the request its id; when the answer is sent: one access line and the request metrics, by route template. */
export type RequestTracker = (req: IncomingMessage, res: ServerResponse, routeOf: () => string) => void;

export function requestTracker(logger: Logger, metrics: HttpMetrics): RequestTracker {
  const access = flatLineLogger(logger);
  return (req, res, routeOf) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    locals(res).requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf();
      const method = req.method ?? "GET";
      const { code, documentType, client } = locals(res);
      metrics.httpRequests.inc({ route, method, status: String(res.statusCode), client: client ?? "none" });
      metrics.httpSeconds.observe({ route, method }, seconds);
      access.info(
        { requestId, route, method, status: res.statusCode, code, documentType, durationMs: Math.round(seconds * 1e4) / 10 },
        "request",
      );
    });
  };
}

/** The route template (`/v1/conversions`) express matched, never the raw URL with its query string. */
function expressRoute(req: Request): string {
  return typeof req.route?.path === "string" ? `${req.baseUrl}${req.route.path}` : "unmatched";
}

export function requestContext(logger: Logger, metrics: HttpMetrics) {
  const track = requestTracker(logger, metrics);
  return (req: Request, res: Response, next: NextFunction): void => {
    track(req, res, () => expressRoute(req));
    next();
  };
}
