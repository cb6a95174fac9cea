// createVerifierApp(deps): the verifier's public listener — the same middleware as the converter's (security headers,
// request id and access log, keep-alive during a drain, the one problem+json handler), its own routes.
import express, { type Express } from "express";
import helmet from "helmet";
import { closeWhenDraining } from "../http/close-when-draining.js";
import { healthRoute } from "../ops/routes.js";
import { problemHandler, sendProblem } from "../http/problem-handler.js";
import { requestContext } from "../http/request-context.js";
import { verificationsRoutes } from "../http/verifications-routes.js";
import { verifierTrustRoutes } from "../http/verifier-trust-routes.js";
import { openApiRoutes } from "../http/openapi-routes.js";
import { VERIFIER_OPENAPI_FILE } from "../http/openapi/document.js";
import type { VerifierAppDeps } from "./app-deps.js";
import { portalRoutes } from "../portal/portal-routes.js";

export function createVerifierApp(deps: VerifierAppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("trust proxy", deps.config.trustProxy);
  app.use(helmet());
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(closeWhenDraining(deps.stopping));
  app.use(healthRoute());
  app.use(verificationsRoutes(deps));
  app.use(verifierTrustRoutes(deps));
  app.use(openApiRoutes(VERIFIER_OPENAPI_FILE));
  if (deps.portal !== undefined) app.use(portalRoutes(deps.portal));
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger, deps.metrics));
  return app;
}
