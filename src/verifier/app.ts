// createVerifierApp(deps): the verifier's routes in the public listener's shell the converter uses
// (src/http/public-app.ts: security headers, request id and access log, keep-alive during a drain, problem+json).
import type { Express } from "express";
import { createPublicApp } from "../http/public-app.js";
import { openApiRoutes } from "../http/openapi-routes.js";
import { VERIFIER_OPENAPI_FILE } from "../http/openapi/document.js";
import { verificationsRoutes } from "../http/verifications-routes.js";
import { verifierTrustRoutes } from "../http/verifier-trust-routes.js";
import type { VerifierAppDeps } from "./app-deps.js";
import { portalRoutes } from "../portal/portal-routes.js";

export function createVerifierApp(deps: VerifierAppDeps): Express {
  const routes = [verificationsRoutes(deps), verifierTrustRoutes(deps), openApiRoutes(VERIFIER_OPENAPI_FILE)];
  return createPublicApp(deps, deps.portal === undefined ? routes : [...routes, portalRoutes(deps.portal)]);
}
