// The TousAntiCovid Carnet endpoints (docs/tousanticovid.md): the app's conversion
// protocol v1 (plain) and v2 (encrypted), and the publication of the live v2 key-agreement keys.
// Envelope only: protocol details live in src/tac/. These endpoints are public: a per-address rate
// limit of their own (never shared with the native API), and every failure — body parser, rate
// limit, unknown path — is answered as the app expects, `{codeError, msgError}`, not problem+json.
// The two conversions are served by the hot path (src/http/hot-path.ts); the router mounts the same handlers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { Router } from "express";
import { RequestError, type ErrorCode } from "../errors.js";
import { readTacRequest } from "../tac/request.js";
import { openExchange } from "../tac/encrypted-exchange.js";
import { tacErrorOf } from "../tac/error-codes.js";
import { clientAddressOf } from "../net/client-address.js";
import type { AppDeps } from "./deps.js";
import type { HotRoute } from "./hot-path.js";
import { readJsonBody } from "./json-body.js";
import { observeConversion } from "./observe-conversion.js";
import { prepareErrorStatus, problemHandler } from "./problem-handler.js";
import { clientBucket, rateLimit } from "./rate-limit.js";
import { locals } from "./request-context.js";
import { sendBody, sendJson } from "./send-body.js";

export const TAC_V1_PATH = "/api/client/convertor/decode/decodeDocument";
export const TAC_V2_PATH = "/api/v2/client/convertor/decode/decodeDocument";
export const TAC_KEYS_PATH = "/api/v2/client/convertor/keys";
const TAC_PREFIXES = ["/api/client/convertor/*rest", "/api/v2/client/convertor/*rest"];

type Version = "v1" | "v2" | "keys";
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface TacHandlers {
  /** The two conversions, for the hot path and the router alike. */
  readonly conversions: readonly [HotRoute, HotRoute];
  readonly keys: Handler;
}

/** The query of a request as express's default ("simple") query parser reads it: node:querystring. */
function queryOf(req: IncomingMessage): Record<string, string | string[] | undefined> {
  const url = req.url ?? "";
  const start = url.indexOf("?");
  return start === -1 ? {} : parseQuery(url.slice(start + 1));
}

/** The handlers of the TousAntiCovid routes, sharing one per-address rate limit. */
export function tacHandlers(deps: AppDeps): TacHandlers {
  const addressOf = clientAddressOf(deps.config.trustProxy);
  const limit = rateLimit({ perMinute: deps.config.rateLimits.tacPerMinute, keyOf: (req) => clientBucket(addressOf, req) });
  const counted =
    (version: Version, run: Handler): Handler =>
    async (req, res) => {
      countOutcome(deps, version, res);
      await limit(req, res);
      await run(req, res);
    };
  const v1 = counted("v1", async (req, res) => {
    const { chainEncoded } = readTacRequest(await readJsonBody(req));
    const conversion = await observeConversion(deps, res, "tac-v1", () => deps.converter.convert(chainEncoded));
    sendText(res, conversion.dcc);
  });
  const v2 = counted("v2", async (req, res) => {
    const { chainEncoded } = readTacRequest(await readJsonBody(req));
    const query = queryOf(req);
    const exchange = await openExchange(deps.conversion.vault, query["keyAlias"], query["publicKey"]);
    const document = exchange.open(chainEncoded);
    const conversion = await observeConversion(deps, res, "tac-v2", () => deps.converter.convert(document));
    sendText(res, exchange.seal(conversion.dcc));
  });
  const keys = counted("keys", async (_req, res) => {
    locals(res).code = "OK";
    // Public keys only; a short cache lets a rotated alias appear quickly (docs/tousanticovid.md).
    res.setHeader("Cache-Control", "public, max-age=300");
    sendJson(res, 200, deps.conversion.vault.keyAgreementKeys);
  });
  return {
    conversions: [
      { template: TAC_V1_PATH, handle: v1, sendError: sendTacError },
      { template: TAC_V2_PATH, handle: v2, sendError: sendTacError },
    ],
    keys,
  };
}

export function tacRoutes(deps: AppDeps, handlers: TacHandlers = tacHandlers(deps)): Router {
  const router = Router();
  for (const route of handlers.conversions) router.post(route.template, route.handle);
  router.get(TAC_KEYS_PATH, handlers.keys);
  router.all([TAC_V1_PATH, TAC_V2_PATH, TAC_KEYS_PATH], () => {
    throw new RequestError("ERR_METHOD_NOT_ALLOWED");
  });
  router.all(TAC_PREFIXES, () => {
    throw new RequestError("ERR_NOT_FOUND");
  });
  router.use(problemHandler(deps.logger, deps.metrics, sendTacError));
  return router;
}

/** Metrics per protocol version and outcome code, counted for every answer, refusals included. */
function countOutcome(deps: AppDeps, version: Version, res: ServerResponse): void {
  res.on("finish", () => deps.metrics.tacRequests.inc({ version, outcome: locals(res).code ?? "UNKNOWN" }));
}

function sendText(res: ServerResponse, text: string): void {
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  sendBody(res, 200, "text/plain", text);
}

export function sendTacError(res: ServerResponse, code: ErrorCode): void {
  const status = prepareErrorStatus(res, code);
  res.setHeader("Cache-Control", "no-store");
  sendJson(res, status, tacErrorOf(code, status));
}
