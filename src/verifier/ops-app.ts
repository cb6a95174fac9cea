// The verifier's operations listener (OPS_PORT, docs/operations.md "Operations port"): /healthz, /readyz — ready once
// the trust lists and rule sets are loaded (they are before the listeners open) and until shutdown — and /metrics.
import express, { Router, type Express } from "express";
import type { Logger } from "../logging.js";
import type { VerifierMetrics } from "../metrics.js";
import type { Readiness } from "../ops/readiness.js";
import { healthRoute } from "../ops/routes.js";
import { problemHandler, sendProblem } from "../http/problem-handler.js";
import { locals, requestContext } from "../http/request-context.js";

export interface VerifierOpsDeps {
  readonly logger: Logger;
  readonly metrics: VerifierMetrics;
  readonly readiness: Readiness;
  readonly ruleSets: () => readonly string[];
}

export function createVerifierOpsApp(deps: VerifierOpsDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requestContext(deps.logger.child({ listener: "ops" }, { level: "warn" }), deps.metrics));
  app.use(healthRoute());
  app.use(Router()
    .get("/readyz", async (_req, res) => {
      const verdict = await deps.readiness.check();
      if (!verdict.ready) {
        sendProblem(res, verdict.code);
        return;
      }
      locals(res).code = "OK";
      res.setHeader("Cache-Control", "no-store");
      res.json({ status: "ready", ruleSets: deps.ruleSets() });
    })
    .get("/metrics", async (_req, res) => {
      locals(res).code = "OK";
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    }));
  app.use((_req, res) => sendProblem(res, "ERR_NOT_FOUND"));
  app.use(problemHandler(deps.logger, deps.metrics));
  return app;
}
