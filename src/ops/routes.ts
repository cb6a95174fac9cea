// The operations listener's routes (docs/operations.md "Operations port"): liveness, readiness and the
// Prometheus metrics, on OPS_PORT only. Liveness is also on the public port (`healthRoute`).
import { Router, type Request, type Response } from "express";
import type { Logger } from "../logging.js";
import type { Metrics } from "../metrics.js";
import type { Registry } from "prom-client";
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
  router.get(
    "/readyz",
    readyz(deps.readiness, () => ({ tablesVersion: deps.tablesVersion, signers: deps.signerCount })),
  );
  router.get(
    "/metrics",
    metricsRoute(deps.metrics.registry, () => {
      deps.metrics.hsmAvailable.set(deps.hsm.available ? 1 : 0);
      for (const [state, value] of Object.entries(deps.hsm.sessions)) deps.metrics.hsmSessions.set({ state }, value);
    }),
  );
  return router;
}

/** GET /readyz: the readiness verdict, with what the service says about itself when ready. */
export function readyz(readiness: Readiness, describe: () => object) {
  return async (_req: Request, res: Response): Promise<void> => {
    const verdict = await readiness.check();
    if (!verdict.ready) {
      sendProblem(res, verdict.code);
      return;
    }
    locals(res).code = "OK";
    res.setHeader("Cache-Control", "no-store");
    res.json({ status: "ready", ...describe() });
  };
}

/** GET /metrics: the Prometheus text of `registry`, after `refresh` sets the gauges read at scrape time. */
export function metricsRoute(registry: Registry, refresh: () => void = () => undefined) {
  return async (_req: Request, res: Response): Promise<void> => {
    refresh();
    locals(res).code = "OK";
    res.type(registry.contentType).send(await registry.metrics());
  };
}
