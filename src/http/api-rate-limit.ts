// The native API's per-client rate limit (docs/operations.md "Bounds"): keyed by API client name (or address when the API
// is open), with each client's own limit from API_KEYS_FILE. Off in development unless configured.
import type { NextFunction, Request, Response } from "express";
import type { AppDeps } from "./deps.js";
import type { ApiClient } from "./auth.js";
import { clientBucket, rateLimit } from "./rate-limit.js";
import { locals } from "./request-context.js";

/** What the limit reads: the converter's AppDeps, or the verifier's own (src/verifier/app.ts). */
export type ApiRateLimitDeps = Pick<AppDeps, "apiClients"> & {
  readonly config: { readonly rateLimits: { readonly apiPerMinute: number } };
};

export function apiRateLimit(deps: ApiRateLimitDeps) {
  const perMinute = deps.config.rateLimits.apiPerMinute;
  const clientOf = (res: Response) => res.locals["apiClient"] as ApiClient | undefined;
  if (perMinute === 0 && deps.apiClients === undefined) return (_req: Request, _res: Response, next: NextFunction) => next();
  return rateLimit({
    perMinute: perMinute === 0 ? Number.MAX_SAFE_INTEGER : perMinute,
    keyOf: (req, res) => locals(res).client ?? clientBucket(req),
    limitOf: (_req, res) => clientOf(res)?.ratePerMinute,
  });
}
