// createApp(deps): middleware, routes, 404, and the one problem+json handler.
import express, { type Express } from "express";
import helmet from "helmet";
import type { AppDeps } from "./http/deps.js";
import { requestContext } from "./http/request-context.js";
import { problemHandler, sendProblem } from "./http/problem-handler.js";
import { conversionsRoutes } from "./http/conversions-routes.js";
import { operationsRoutes } from "./http/operations-routes.js";
import { tacRoutes } from "./http/tac-routes.js";
import { batchRoutes } from "./http/batch-routes.js";
import { certificatesRoutes } from "./http/certificates-routes.js";
import { revocationsRoutes } from "./http/revocations-routes.js";

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("trust proxy", deps.config.production ? 1 : false);
  app.use(helmet());
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(operationsRoutes(deps));
  app.use(conversionsRoutes(deps));
  app.use(batchRoutes(deps));
  app.use(certificatesRoutes(deps));
  app.use(revocationsRoutes(deps));
  app.use(tacRoutes(deps));
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger));
  return app;
}
