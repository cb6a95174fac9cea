// The operations listener's routes (docs/operations.md "Operations port"): liveness, readiness and the
// Prometheus metrics, on OPS_PORT only. Liveness is also on the public port (`healthRoute`).
import { Router, type Request, type Response } from "express";
import type { Logger } from "../logging.js";
import type { Metrics } from "../metrics.js";
import type { HsmHealth } from "./hsm-health.js";
import type { Readiness } from "./readiness.js";
import { sendProblem } from "../http/problem-handler.js";
import { locals } from "../http/request-context.js";

export interface OpsDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly readiness: Readiness;
  readonly hsm: HsmHealth;
  /** The DSCs the service signs with (the readiness answer counts them). */
  readonly signerCount: number;
  readonly tablesVersion: string;
}

function healthz(_req: Request, res: Response): void {
  locals(res).code = "OK";
  res.json({ status: "ok" });
}

/** Liveness alone: the process answers. */
export function healthRoute(): Router {
  return Router().get("/healthz", healthz);
}

export function operationsRoutes(deps: OpsDeps): Router {
  const router = Router();
  router.get("/healthz", healthz);

  // The tables were loaded and checked before the listeners opened, or the process would not have started.
  router.get("/readyz", async (_req, res) => {
    const verdict = await deps.readiness.check();
    if (!verdict.ready) {
      sendProblem(res, verdict.code);
      return;
    }
    locals(res).code = "OK";
    res.setHeader("Cache-Control", "no-store");
    res.json({ status: "ready", tablesVersion: deps.tablesVersion, signers: deps.signerCount });
  });

  router.get("/metrics", async (_req, res) => {
    deps.metrics.hsmAvailable.set(deps.hsm.available ? 1 : 0);
    for (const [state, value] of Object.entries(deps.hsm.sessions)) deps.metrics.hsmSessions.set({ state }, value);
    locals(res).code = "OK";
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
