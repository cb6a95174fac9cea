// GET /v1/signers: public information — the DSCs, their kid, the types they sign and their validity
// (README.md "HTTP API").
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { locals } from "./request-context.js";
import { describeSigners } from "../hsm/signers-file.js";

export function signersRoutes(deps: AppDeps): Router {
  return Router().get("/v1/signers", (_req, res) => {
    locals(res).code = "OK";
    res.json(describeSigners(deps.conversion.vault));
  });
}
