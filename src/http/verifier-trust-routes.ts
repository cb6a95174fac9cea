// GET /v1/verifier/trust (docs/verification.md): public certificates and rule sets, with ETag / If-None-Match (RFC 9110 §13.1.2).
import { Router } from "express";
import type { VerifierAppDeps } from "../verifier/app-deps.js";
import { locals } from "./request-context.js";

export function verifierTrustRoutes(deps: Pick<VerifierAppDeps, "trustDocument">): Router {
  return Router().get("/v1/verifier/trust", (req, res) => {
    const { body, etag } = deps.trustDocument();
    locals(res).code = "OK";
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", "no-cache");
    const presented = req.header("if-none-match");
    if (presented !== undefined && presented.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) {
      res.status(304).end();
      return;
    }
    res.type("application/json").send(body);
  });
}
