// The verifier's operations listener (OPS_PORT, docs/operations.md "Operations port"), in the converter's shell
// (src/ops/app.ts): /healthz; /readyz — ready once the trust lists and rule sets are loaded (they are before the
// listeners open) and until shutdown —; /metrics.
import { Router, type Express } from "express";
import type { Logger } from "../logging.js";
import type { VerifierMetrics } from "../metrics.js";
import type { Readiness } from "../ops/readiness.js";
import { opsApp } from "../ops/app.js";
import { healthRoute, metricsRoute, readyz } from "../ops/routes.js";

export interface VerifierOpsDeps {
  readonly logger: Logger;
  readonly metrics: VerifierMetrics;
  readonly readiness: Readiness;
  readonly ruleSets: () => readonly string[];
}

export function createVerifierOpsApp(deps: VerifierOpsDeps): Express {
  const routes = Router()
    .use(healthRoute())
    .get(
      "/readyz",
      readyz(deps.readiness, () => ({ ruleSets: deps.ruleSets() })),
    )
    .get("/metrics", metricsRoute(deps.metrics.registry));
  return opsApp(deps.logger, deps.metrics, routes);
}
