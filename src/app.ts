// createApp(deps): the converter's routes in the public listener's shell (src/http/public-app.ts: middleware, 404,
// and the one problem+json handler, RFC 9457).
// createRequestListener(deps): what the public port serves — the hot path (src/http/hot-path.ts) for the
// conversion routes, in front of that app for everything else; both share the routes' handlers and rate limits.
import type { RequestListener } from "node:http";
import type { Express } from "express";
import type { AppDeps } from "./http/deps.js";
import { createPublicApp } from "./http/public-app.js";
import { conversionRoute, conversionsRoutes } from "./http/conversions-routes.js";
import { signersRoutes } from "./http/signers-routes.js";
import { tacHandlers, tacRoutes, type TacHandlers } from "./http/tac-routes.js";
import { batchRoutes } from "./http/batch-routes.js";
import { certificatesRoutes } from "./http/certificates-routes.js";
import { openApiRoutes } from "./http/openapi-routes.js";
import { revocationsRoutes } from "./http/revocations-routes.js";
import { hotPath, type HotRoute } from "./http/hot-path.js";
import { requestSlots, type RequestSlots } from "./http/request-slots.js";
import { PRINTED_MAX_CONCURRENT } from "./print/render-answer.js";

/** The handlers both paths serve, built once (their rate limits and bounds hold state). */
interface SharedRoutes {
  /** One bound for the printed answers of both routes that draw them (src/print/render-answer.ts). */
  readonly printed: RequestSlots;
  readonly conversion: HotRoute;
  readonly tac: TacHandlers;
}

function sharedRoutes(deps: AppDeps): SharedRoutes {
  const printed = requestSlots(PRINTED_MAX_CONCURRENT, "render");
  return { printed, conversion: conversionRoute(deps, printed), tac: tacHandlers(deps) };
}

export function createApp(deps: AppDeps, shared: SharedRoutes = sharedRoutes(deps)): Express {
  return createPublicApp(deps, [
    signersRoutes(deps),
    conversionsRoutes(shared.conversion),
    batchRoutes(deps),
    certificatesRoutes(deps, shared.printed),
    revocationsRoutes(deps),
    tacRoutes(deps, shared.tac),
    openApiRoutes(),
  ]);
}

export function createRequestListener(deps: AppDeps): RequestListener {
  const shared = sharedRoutes(deps);
  return hotPath(deps, [shared.conversion, ...shared.tac.conversions], createApp(deps, shared));
}
