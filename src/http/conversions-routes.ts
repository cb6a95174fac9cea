// POST /v1/conversions — one 2D-DOC in, one DCC out (README, "HTTP API"). Envelope checks only: the body
// shape and size, then the orchestrator, then serialisation.
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { requireScope } from "./auth.js";
import { jsonBody, stringField } from "./json-body.js";
import { negotiate, printedSlot, sendConversion, type RenderAnswer } from "./conversion-response.js";
import type { RequestSlots } from "./request-slots.js";
import { observeConversion } from "./observe-conversion.js";
import { apiRateLimit } from "./api-rate-limit.js";

export function conversionsRoutes(deps: AppDeps, printed: RequestSlots): Router {
  const router = Router();
  const render: RenderAnswer = (conversion, mediaType) => deps.converter.render(conversion, mediaType);
  router.post("/v1/conversions", requireScope(deps.apiClients, "convert"), apiRateLimit(deps), printedSlot(printed), jsonBody(), async (req, res) => {
    const mediaType = negotiate(req);
    const document = stringField(req.body, "document");
    const conversion = await observeConversion(deps, res, "api", () => deps.converter.convert(document));
    await sendConversion(res, conversion, mediaType, 200, render);
  });
  return router;
}
