// createOpsApp(deps): the operations listener on OPS_PORT — /healthz, /readyz, /metrics — apart from
// the public port, so neither the readiness probe (an HSM signature) nor the metrics are public
// (docs/operations.md "Operations port"). Probes are not access-logged: one every few seconds says nothing.
import express, { type Express } from "express";
import { requestContext } from "../http/request-context.js";
import { problemHandler, sendProblem } from "../http/problem-handler.js";
import { operationsRoutes, type OpsDeps } from "./routes.js";

export function createOpsApp(deps: OpsDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requestContext(deps.logger.child({ listener: "ops" }, { level: "warn" }), deps.metrics));
  app.use(operationsRoutes(deps));
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger, deps.metrics));
  return app;
}
