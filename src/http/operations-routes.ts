// Operator endpoints: liveness, readiness, Prometheus metrics, and the public list of signers.
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { sendProblem } from "./problem-handler.js";
import { locals } from "./request-context.js";
import { describeSigners } from "../hsm/signers-file.js";

export function operationsRoutes(deps: AppDeps): Router {
  const router = Router();
  const { vault } = deps.conversion;

  router.get("/healthz", (_req, res) => {
    locals(res).code = "OK";
    res.json({ status: "ok" });
  });

  // Ready only when a pooled PKCS#11 session really signs (docs/operations.md); the tables were loaded and
  // checked before the app was built, or the process would not have started.
  router.get("/readyz", async (_req, res) => {
    try {
      await vault.probe();
    } catch {
      sendProblem(res, "ERR_HSM_UNAVAILABLE");
      return;
    }
    locals(res).code = "OK";
    res.json({ status: "ready", tablesVersion: deps.tablesVersion, signers: vault.signers.length });
  });

  router.get("/metrics", async (_req, res) => {
    deps.metrics.hsmAvailable.set(vault.available ? 1 : 0);
    for (const [state, value] of Object.entries(vault.sessions)) deps.metrics.hsmSessions.set({ state }, value);
    locals(res).code = "OK";
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // Public information: the DSCs, their kid, the types they sign and their validity (README.md, "HTTP API").
  router.get("/v1/signers", (_req, res) => {
    locals(res).code = "OK";
    res.json(describeSigners(vault));
  });
  return router;
}
