// createVerifierApp(deps): the verifier's routes in the public listener's shell the converter uses
// (src/http/public-app.ts: security headers, request id and access log, keep-alive during a drain, problem+json).
// createVerifierRequestListener(deps): what the verifier's public port serves — the hot path (src/http/hot-path.ts)
// for POST /v1/verifications, in front of that app for everything else; both share the route's handler and rate limit.
import type { RequestListener } from "node:http";
import type { Express } from "express";
import { createPublicApp } from "../http/public-app.js";
import { hotPath, type HotRoute } from "../http/hot-path.js";
import { openApiRoutes } from "../http/openapi-routes.js";
import { VERIFIER_OPENAPI_FILE } from "../http/openapi/document.js";
import { verificationRoute, verificationsRoutes } from "../http/verifications-routes.js";
import { verifierTrustRoutes } from "../http/verifier-trust-routes.js";
import type { VerifierAppDeps } from "./app-deps.js";
import { portalRoutes } from "../portal/portal-routes.js";

export function createVerifierApp(deps: VerifierAppDeps, verification: HotRoute = verificationRoute(deps)): Express {
  const routes = [verificationsRoutes(verification), verifierTrustRoutes(deps), openApiRoutes(VERIFIER_OPENAPI_FILE)];
  return createPublicApp(deps, deps.portal === undefined ? routes : [...routes, portalRoutes(deps.portal)]);
}

export function createVerifierRequestListener(deps: VerifierAppDeps): RequestListener {
  const verification = verificationRoute(deps);
  return hotPath(deps, [verification], createVerifierApp(deps, verification));
}
