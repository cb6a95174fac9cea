// The native API's per-client rate limit (docs/operations.md "Bounds"): keyed by API client name (or address when the API
// is open), with each client's own limit from API_KEYS_FILE. Off in development unless configured.
import type { AppDeps } from "./deps.js";
import type { ApiClient } from "./auth.js";
import { clientBucket, rateLimit } from "./rate-limit.js";
import { locals } from "./request-context.js";
import { middleware, type Step } from "./step.js";
import { clientAddressOf } from "../net/client-address.js";
import type { TrustProxy } from "../net/trust-proxy.js";

/** What the limit reads: the converter's AppDeps, or the verifier's own (src/verifier/app.ts). */
export type ApiRateLimitDeps = Pick<AppDeps, "apiClients"> & {
  readonly config: { readonly rateLimits: { readonly apiPerMinute: number }; readonly trustProxy: TrustProxy };
};

/** The limit as a step (src/http/step.ts), for the express routes and the hot path alike. */
export function apiRateLimiter(deps: ApiRateLimitDeps): Step {
  const perMinute = deps.config.rateLimits.apiPerMinute;
  if (perMinute === 0 && deps.apiClients === undefined) return () => undefined;
  const addressOf = clientAddressOf(deps.config.trustProxy);
  return rateLimit({
    perMinute: perMinute === 0 ? Number.MAX_SAFE_INTEGER : perMinute,
    keyOf: (req, res) => locals(res).client ?? clientBucket(addressOf, req),
    limitOf: (_req, res) => (locals(res).apiClient as ApiClient | undefined)?.ratePerMinute,
  });
}

export function apiRateLimit(deps: ApiRateLimitDeps) {
  return middleware(apiRateLimiter(deps));
}
