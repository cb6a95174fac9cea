// createApp(deps): middleware, routes, 404, and the one problem+json handler (RFC 9457).
// createRequestListener(deps): what the public port serves — the hot path (src/http/hot-path.ts) for the
// conversion routes, in front of that app for everything else; both share the routes' handlers and rate limits.
import type { RequestListener } from "node:http";
import express, { type Express } from "express";
import type { AppDeps } from "./http/deps.js";
import { requestContext } from "./http/request-context.js";
import { closeWhenDraining } from "./http/close-when-draining.js";
import { problemHandler, sendProblem } from "./http/problem-handler.js";
import { securityHeaders } from "./http/security-headers.js";
import { conversionRoute, conversionsRoutes } from "./http/conversions-routes.js";
import { healthRoute } from "./ops/routes.js";
import { signersRoutes } from "./http/signers-routes.js";
import { tacHandlers, tacRoutes, type TacHandlers } from "./http/tac-routes.js";
import { batchRoutes } from "./http/batch-routes.js";
import { certificatesRoutes } from "./http/certificates-routes.js";
import { openApiRoutes } from "./http/openapi-routes.js";
import { revocationsRoutes } from "./http/revocations-routes.js";
import { hotPath, type HotRoute } from "./http/hot-path.js";
import { requestSlots, type RequestSlots } from "./http/request-slots.js";
import { PRINTED_MAX_CONCURRENT } from "./print/render-answer.js";

/** The handlers both paths serve, built once (their rate limits and bounds hold state). */
interface SharedRoutes {
  /** One bound for the printed answers of both routes that draw them (src/print/render-answer.ts). */
  readonly printed: RequestSlots;
  readonly conversion: HotRoute;
  readonly tac: TacHandlers;
}

function sharedRoutes(deps: AppDeps): SharedRoutes {
  const printed = requestSlots(PRINTED_MAX_CONCURRENT, "render");
  return { printed, conversion: conversionRoute(deps, printed), tac: tacHandlers(deps) };
}

export function createApp(deps: AppDeps, shared: SharedRoutes = sharedRoutes(deps)): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  // TRUST_PROXY is read by src/net/client-address.ts, the one place that names the client; express's req.ip is not used.
  app.use(securityHeaders());
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(closeWhenDraining(deps.stopping));
  // /readyz and /metrics live on the operations port only (src/ops/app.ts): here they are 404.
  app.use(healthRoute());
  app.use(signersRoutes(deps));
  app.use(conversionsRoutes(shared.conversion));
  app.use(batchRoutes(deps));
  app.use(certificatesRoutes(deps, shared.printed));
  app.use(revocationsRoutes(deps));
  app.use(tacRoutes(deps, shared.tac));
  app.use(openApiRoutes());
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger, deps.metrics));
  return app;
}

export function createRequestListener(deps: AppDeps): RequestListener {
  const shared = sharedRoutes(deps);
  return hotPath(deps, [shared.conversion, ...shared.tac.conversions], createApp(deps, shared));
}
