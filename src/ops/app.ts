// createOpsApp(deps): the operations listener on OPS_PORT — /healthz, /readyz, /metrics — apart from
// the public port, so neither the readiness probe (an HSM signature) nor the metrics are public
// (docs/operations.md "Operations port"). Probes are not access-logged: one every few seconds says nothing.
import express, { type Express, type Router } from "express";
import type { Logger } from "../logging.js";
import type { HttpMetrics, Metrics } from "../metrics.js";
import { requestContext } from "../http/request-context.js";
import { problemHandler, sendProblem } from "../http/problem-handler.js";
import { operationsRoutes, type OpsDeps } from "./routes.js";

export function createOpsApp(deps: OpsDeps): Express {
  return opsApp(deps.logger, deps.metrics, operationsRoutes(deps));
}

/** The operations listener's shell around a service's own operations routes (the converter's, the verifier's). */
export function opsApp(logger: Logger, metrics: HttpMetrics & Pick<Metrics, "overloadRefusals">, routes: Router): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requestContext(logger.child({ listener: "ops" }, { level: "warn" }), metrics));
  app.use(routes);
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(logger, metrics));
  return app;
}
