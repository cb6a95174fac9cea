// The hot path (BENCHMARKS.md, "The hot path"): a node:http request listener in front of the express app that
// serves the busy routes itself — the converter's POST /v1/conversions and two TousAntiCovid conversions, the
// verifier's POST /v1/verifications — and hands every other request to express. Express costs a third of a
// conversion's CPU (routing, its request and response layers); the concerns themselves are the same functions the
// express app calls: security headers, request id, access log and metrics, draining, the error answer. A route's
// handler is mounted in the express router too, so a request this path does not recognise exactly (another method,
// a trailing slash …) is still served the same way.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { drainTracker } from "./close-when-draining.js";
import type { PublicAppDeps } from "./public-app.js";
import { answerError, type ErrorSender } from "./problem-handler.js";
import { requestTracker } from "./request-context.js";
import { setSecurityHeaders } from "./security-headers.js";

export interface HotRoute {
  /** The route's path, exactly as express routes it (and as logs and metrics name it). */
  readonly template: string;
  /** Everything after the shared concerns: scope, rate limit, body, work, answer. Rejects with the refusal. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** How a refusal is answered on this route (problem+json, or the TousAntiCovid format). */
  readonly sendError: ErrorSender;
}

/** express's matching of a path: case-insensitive, one trailing slash allowed; the query is not part of it. */
function routeKey(url: string): string {
  const query = url.indexOf("?");
  const path = (query === -1 ? url : url.slice(0, query)).toLowerCase();
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

/** `deps` are the public shell's (src/http/public-app.ts): the converter's and the verifier's. */
export function hotPath(deps: PublicAppDeps, routes: readonly HotRoute[], fallback: RequestListener): RequestListener {
  const byKey = new Map(routes.map((route) => [routeKey(route.template), route]));
  const track = requestTracker(deps.logger, deps.metrics);
  const draining = drainTracker(deps.stopping);
  return (req, res) => {
    const route = req.method === "POST" ? byKey.get(routeKey(req.url ?? "/")) : undefined;
    if (route === undefined) {
      fallback(req, res);
      return;
    }
    setSecurityHeaders(res);
    track(req, res, () => route.template);
    draining(res);
    route.handle(req, res).catch((error: unknown) => answerError(deps.logger, deps.metrics, res, error, route.sendError));
  };
}
