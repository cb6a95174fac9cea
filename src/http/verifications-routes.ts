// POST /v1/verifications (docs/verification.md) — envelope checks only: the API key (scope `verify`), the rate limit, the JSON
// body and its fields; then the verification core, the usage record, and the answer. Served by the hot path
// (src/http/hot-path.ts) as the conversions are; the express router mounts the same handler, for any request the hot
// path passes on.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Router } from "express";
import { RequestError } from "../errors.js";
import type { VerificationRequest } from "../verification/types.js";
import { authorize } from "./auth.js";
import { apiRateLimiter } from "./api-rate-limit.js";
import { readJsonBody, stringField } from "./json-body.js";
import { locals } from "./request-context.js";
import { sendProblem } from "./problem-handler.js";
import { sendJson } from "./send-body.js";
import type { HotRoute } from "./hot-path.js";
import type { VerifierAppDeps } from "../verifier/app-deps.js";

export const VERIFICATIONS_PATH = "/v1/verifications";

const RULE_SET = /^[a-z][\w-]{0,31}$/i;
/** RFC 3339 date-time with an offset: the validation time of a request (outside production only). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new RequestError("ERR_REQUEST_MALFORMED", { field: name });
  return value;
}

/** The request's fields, checked; an unknown field is refused (no value is echoed). */
export function readVerificationRequest(parsed: unknown, validationTimeAllowed: boolean): VerificationRequest {
  const barcode = stringField(parsed, "barcode");
  const body = parsed as Record<string, unknown>;
  if (Object.keys(body).some((key) => !["barcode", "ruleSet", "detail", "validationTime"].includes(key))) {
    throw new RequestError("ERR_REQUEST_MALFORMED", { field: "body" });
  }
  const ruleSet = optionalString(body, "ruleSet");
  if (ruleSet !== undefined && !RULE_SET.test(ruleSet)) throw new RequestError("ERR_RULE_SET_UNKNOWN", { field: "ruleSet" });
  const detail = optionalString(body, "detail");
  if (detail !== undefined && detail !== "lite" && detail !== "full") throw new RequestError("ERR_REQUEST_MALFORMED", { field: "detail" });
  const time = optionalString(body, "validationTime");
  let validationTime: Date | undefined;
  if (time !== undefined) {
    if (!validationTimeAllowed || !DATE_TIME.test(time) || Number.isNaN(Date.parse(time))) {
      throw new RequestError("ERR_VALIDATION_TIME", { field: "validationTime" });
    }
    validationTime = new Date(time);
  }
  return {
    barcode,
    ...(ruleSet === undefined ? {} : { ruleSet }),
    ...(detail === undefined ? {} : { detail }),
    ...(validationTime === undefined ? {} : { validationTime }),
  };
}

export function verificationRoute(deps: VerifierAppDeps): HotRoute {
  const allowed = authorize(deps.apiClients, "verify");
  const limit = apiRateLimiter(deps);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    allowed(req, res);
    await limit(req, res);
    const request = readVerificationRequest(await readJsonBody(req), deps.config.validationTimeAllowed);
    const verification = await deps.verify(request, locals(res).client ?? "api");
    locals(res).code = "OK";
    locals(res).documentType = verification.format;
    res.setHeader("Cache-Control", "no-store");
    sendJson(res, 200, verification);
  };
  return { template: VERIFICATIONS_PATH, handle, sendError: sendProblem };
}

export function verificationsRoutes(route: HotRoute): Router {
  return Router().post(route.template, route.handle);
}
