// Rate limits (docs/operations.md "Bounds"): a token bucket per key per minute, in memory
// (operational counters, no document data). Exceeding it gives 429 with Retry-After.
import type { IncomingMessage, ServerResponse } from "node:http";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RequestError } from "../errors.js";
import { addressBucket } from "../net/address-bucket.js";
import type { ClientAddress } from "../net/client-address.js";

export interface RateLimitOptions {
  /** Requests per minute for each key. */
  readonly perMinute: number;
  /** The key of a request: client address, API client name … */
  readonly keyOf: (req: IncomingMessage, res: ServerResponse) => string;
  /** Per-key override of `perMinute` (e.g. an API client's own limit). */
  readonly limitOf?: (req: IncomingMessage, res: ServerResponse) => number | undefined;
}

/** A step (src/http/step.ts) taking one token of the request's bucket, or refusing with ERR_RATE_LIMITED. */
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
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const points = options.limitOf?.(req, res) ?? options.perMinute;
    try {
      await limiterFor(points).consume(options.keyOf(req, res));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
      throw new RequestError("ERR_RATE_LIMITED");
    }
  };
}

/** The rate-limit bucket of the client (src/net/client-address.ts, TRUST_PROXY): its address, an IPv6 client per /64. */
export function clientBucket(addressOf: ClientAddress, req: IncomingMessage): string {
  return addressBucket(addressOf(req));
}
