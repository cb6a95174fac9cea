// The public listener's shell, the converter's and the verifier's alike: security headers, the request id and access
// log, keep-alive during a drain, liveness, the service's routes, then 404 and the one problem+json handler (RFC 9457).
import express, { type Express, type Router } from "express";
import helmet from "helmet";
import type { Logger } from "../logging.js";
import type { HttpMetrics, Metrics } from "../metrics.js";
import type { TrustProxy } from "../net/trust-proxy.js";
import { healthRoute } from "../ops/routes.js";
import { closeWhenDraining } from "./close-when-draining.js";
import { problemHandler, sendProblem } from "./problem-handler.js";
import { requestContext } from "./request-context.js";

export interface PublicAppDeps {
  readonly config: { readonly trustProxy: TrustProxy };
  readonly logger: Logger;
  readonly metrics: HttpMetrics & Pick<Metrics, "overloadRefusals">;
  readonly stopping: AbortSignal;
}

export function createPublicApp(deps: PublicAppDeps, routers: readonly Router[]): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // TRUST_PROXY, in every mode: unset, the client is the socket peer whatever X-Forwarded-For says.
  app.set("trust proxy", deps.config.trustProxy);
  app.use(helmet());
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(closeWhenDraining(deps.stopping));
  // /readyz and /metrics live on the operations port only (src/ops/app.ts): here they are 404.
  app.use(healthRoute());
  for (const router of routers) app.use(router);
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger, deps.metrics));
  return app;
}
