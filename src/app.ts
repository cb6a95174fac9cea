// createApp(deps): middleware, routes, 404, and the one problem+json handler (RFC 9457).
import express, { type Express } from "express";
import helmet from "helmet";
import type { AppDeps } from "./http/deps.js";
import { requestContext } from "./http/request-context.js";
import { closeWhenDraining } from "./http/close-when-draining.js";
import { problemHandler, sendProblem } from "./http/problem-handler.js";
import { conversionsRoutes } from "./http/conversions-routes.js";
import { healthRoute } from "./ops/routes.js";
import { signersRoutes } from "./http/signers-routes.js";
import { tacRoutes } from "./http/tac-routes.js";
import { batchRoutes } from "./http/batch-routes.js";
import { certificatesRoutes } from "./http/certificates-routes.js";
import { openApiRoutes } from "./http/openapi-routes.js";
import { revocationsRoutes } from "./http/revocations-routes.js";

export function createApp(deps: AppDeps): Express {
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
  app.use(signersRoutes(deps));
  app.use(conversionsRoutes(deps));
  app.use(batchRoutes(deps));
  app.use(certificatesRoutes(deps));
  app.use(revocationsRoutes(deps));
  app.use(tacRoutes(deps));
  app.use(openApiRoutes());
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger, deps.metrics));
  return app;
}
