// Rate limits (contract §7, issues 5 and 6): a token bucket per key per minute, in memory
// (operational counters, no document data). Exceeding it gives 429 with Retry-After.
import type { NextFunction, Request, Response } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RequestError } from "../errors.js";

export interface RateLimitOptions {
  /** Requests per minute for each key. */
  readonly perMinute: number;
  /** The key of a request: client address, API client name … */
  readonly keyOf: (req: Request, res: Response) => string;
  /** Per-key override of `perMinute` (e.g. an API client's own limit). */
  readonly limitOf?: (req: Request, res: Response) => number | undefined;
}

export function rateLimit(options: RateLimitOptions) {
  const limiters = new Map<number, RateLimiterMemory>();
  const limiterFor = (points: number): RateLimiterMemory => {
    let limiter = limiters.get(points);
    if (limiter === undefined) {
      limiter = new RateLimiterMemory({ points, duration: 60 });
      limiters.set(points, limiter);
    }
    return limiter;
  };
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const points = options.limitOf?.(req, res) ?? options.perMinute;
    try {
      await limiterFor(points).consume(options.keyOf(req, res));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
      throw new RequestError("ERR_RATE_LIMITED");
    }
    next();
  };
}

/** The client address as the socket sees it (set `trust proxy` in express behind a load balancer). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
