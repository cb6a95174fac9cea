// The TousAntiCovid Carnet endpoints (docs/tousanticovid.md): the app's conversion
// protocol v1 (plain) and v2 (encrypted), and the publication of the live v2 key-agreement keys.
// Envelope only: protocol details live in src/tac/. These endpoints are public: a per-address rate
// limit of their own (never shared with the native API), and every failure — body parser, rate
// limit, unknown path — is answered as the app expects, `{codeError, msgError}`, not problem+json.
import { Router, type NextFunction, type Request, type Response } from "express";
import { RequestError, type ErrorCode } from "../errors.js";
import { readTacRequest } from "../tac/request.js";
import { openExchange } from "../tac/encrypted-exchange.js";
import { tacErrorOf } from "../tac/error-codes.js";
import type { AppDeps } from "./deps.js";
import { jsonBody } from "./json-body.js";
import { observeConversion } from "./observe-conversion.js";
import { prepareErrorStatus, problemHandler } from "./problem-handler.js";
import { clientBucket, rateLimit } from "./rate-limit.js";
import { locals } from "./request-context.js";

export const TAC_V1_PATH = "/api/client/convertor/decode/decodeDocument";
export const TAC_V2_PATH = "/api/v2/client/convertor/decode/decodeDocument";
export const TAC_KEYS_PATH = "/api/v2/client/convertor/keys";
const TAC_PREFIXES = ["/api/client/convertor/*rest", "/api/v2/client/convertor/*rest"];

type Version = "v1" | "v2" | "keys";

export function tacRoutes(deps: AppDeps): Router {
  const router = Router();
  const limit = rateLimit({ perMinute: deps.config.rateLimits.tacPerMinute, keyOf: (req) => clientBucket(req) });
  const count = (version: Version) => countOutcome(deps, version);

  router.post(TAC_V1_PATH, count("v1"), limit, jsonBody(), async (req, res) => {
    const { chainEncoded } = readTacRequest(req.body);
    const conversion = await observeConversion(deps, res, "tac-v1", () => deps.converter.convert(chainEncoded));
    sendText(res, conversion.dcc);
  });

  router.post(TAC_V2_PATH, count("v2"), limit, jsonBody(), async (req, res) => {
    const { chainEncoded } = readTacRequest(req.body);
    const exchange = await openExchange(deps.conversion.vault, req.query["keyAlias"], req.query["publicKey"]);
    const document = exchange.open(chainEncoded);
    const conversion = await observeConversion(deps, res, "tac-v2", () => deps.converter.convert(document));
    sendText(res, exchange.seal(conversion.dcc));
  });

  router.get(TAC_KEYS_PATH, count("keys"), limit, (_req, res) => {
    locals(res).code = "OK";
    // Public keys only; a short cache lets a rotated alias appear quickly (docs/tousanticovid.md).
    res.setHeader("Cache-Control", "public, max-age=300");
    res.json(deps.conversion.vault.keyAgreementKeys);
  });

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
function countOutcome(deps: AppDeps, version: Version) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.on("finish", () => deps.metrics.tacRequests.inc({ version, outcome: locals(res).code ?? "UNKNOWN" }));
    next();
  };
}

function sendText(res: Response, text: string): void {
  locals(res).code = "OK";
  res.setHeader("Cache-Control", "no-store");
  res.status(200).type("text/plain").send(text);
}

export function sendTacError(res: Response, code: ErrorCode): void {
  const status = prepareErrorStatus(res, code);
  res.setHeader("Cache-Control", "no-store");
  res.status(status).json(tacErrorOf(code, status));
}
