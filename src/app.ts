// createApp(deps): the converter's routes in the public listener's shell (src/http/public-app.ts: middleware, 404,
// and the one problem+json handler, RFC 9457).
import type { Express } from "express";
import type { AppDeps } from "./http/deps.js";
import { createPublicApp } from "./http/public-app.js";
import { conversionsRoutes } from "./http/conversions-routes.js";
import { signersRoutes } from "./http/signers-routes.js";
import { tacRoutes } from "./http/tac-routes.js";
import { batchRoutes } from "./http/batch-routes.js";
import { certificatesRoutes } from "./http/certificates-routes.js";
import { openApiRoutes } from "./http/openapi-routes.js";
import { revocationsRoutes } from "./http/revocations-routes.js";

export function createApp(deps: AppDeps): Express {
  return createPublicApp(deps, [
    signersRoutes(deps),
    conversionsRoutes(deps),
    batchRoutes(deps),
    certificatesRoutes(deps),
    revocationsRoutes(deps),
    tacRoutes(deps),
    openApiRoutes(),
  ]);
}
