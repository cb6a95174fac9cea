// POST /v1/conversions — one 2D-DOC in, one DCC out (README, "HTTP API"), or a VDS-NC seal with "format": "icao"
// (contract §9). Envelope checks only: scope, rate limit, the printed answers' bound, the body's type, size and
// shape, then the orchestrator, then serialisation. Served by the hot path (src/http/hot-path.ts); the express
// router mounts the same handler, for any request the hot path passes on.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { authorize } from "./auth.js";
import { objectField, readJsonBody, stringField } from "./json-body.js";
import { negotiateAnswer, sendConversion, sendSeal, type RenderAnswer } from "./conversion-response.js";
import type { RequestSlots } from "./request-slots.js";
import { parseFormat } from "../format.js";
import { observeConversion } from "./observe-conversion.js";
import { apiRateLimiter } from "./api-rate-limit.js";
import { sendProblem } from "./problem-handler.js";
import type { HotRoute } from "./hot-path.js";

export const CONVERSIONS_PATH = "/v1/conversions";

export function conversionRoute(deps: AppDeps, printed: RequestSlots): HotRoute {
  const allowed = authorize(deps.apiClients, "convert");
  const limit = apiRateLimiter(deps);
  const render: RenderAnswer = (answer, mediaType) => deps.converter.render(answer, mediaType);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    allowed(req, res);
    await limit(req, res);
    const mediaType = negotiateAnswer(req, res, printed);
    const body = await readJsonBody(req);
    const format = parseFormat(objectField(body, "format"));
    const document = stringField(body, "document");
    if (format === "icao") {
      await sendSeal(res, await observeConversion(deps, res, "api", () => deps.converter.seal(document), format), mediaType, render);
      return;
    }
    const conversion = await observeConversion(deps, res, "api", () => deps.converter.convert(document));
    await sendConversion(res, conversion, mediaType, 200, render);
  };
  return { template: CONVERSIONS_PATH, handle, sendError: sendProblem };
}

export function conversionsRoutes(route: HotRoute): Router {
  return Router().post(route.template, route.handle);
}
