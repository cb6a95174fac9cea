// A scan (README, "Border portal"): what the reader typed → the barcode (separators read back when lost) → the
// verifier's core with the chosen rule set and the `full` detail → the view the page shows. A barcode the
// verifier cannot decode is a verdict too ("unreadable", with the fixed sentence of its code), so the agent sees
// it like any other; a scan cut short never reaches the verifier.
import express, { Router, type Request, type Response } from "express";
import { HTTP_STATUS, isConverterError, RequestError } from "../errors.js";
import type { PortalDeps } from "./portal-deps.js";
import { readScan } from "./read-scan.js";
import { requireSession, sameOriginOnly } from "./request-guards.js";
import { cutShortView, unreadableView, verdictView, type ResultView } from "./result-view.js";
import type { SessionStore } from "./sessions.js";

/** A raw 2D-DOC in its longest accepted form (src/twoddoc/normalise.ts, MAX_INPUT_LENGTH). */
const MAX_SCAN = 16_384;

function scanRequest(body: unknown, ruleSets: readonly string[], fallback: string): { barcode: string; ruleSet: string } {
  const record = body as Record<string, unknown> | null;
  const barcode = record?.["barcode"];
  const ruleSet = record?.["ruleSet"] ?? fallback;
  if (typeof barcode !== "string" || barcode.length > MAX_SCAN) throw new RequestError("ERR_REQUEST_MALFORMED", { field: "barcode" });
  if (typeof ruleSet !== "string" || !ruleSets.includes(ruleSet)) throw new RequestError("ERR_RULE_SET_UNKNOWN", { field: "ruleSet" });
  return { barcode, ruleSet };
}

async function viewOf(deps: PortalDeps, barcode: string, ruleSet: string): Promise<ResultView> {
  const reading = readScan(barcode, deps.trust());
  if (reading.kind === "cut-short") return cutShortView();
  try {
    return verdictView(await deps.verifier.verify(reading.barcode, ruleSet), deps.valueSets, reading.recovered);
  } catch (error) {
    if (isConverterError(error) && HTTP_STATUS[error.code] === 400) return unreadableView(error.code);
    throw error;
  }
}

export function scanRoute(deps: PortalDeps, sessions: SessionStore): Router {
  const router = Router();
  router.post("/scan", sameOriginOnly(), requireSession(sessions), express.json({ limit: "64kb" }), async (req: Request, res: Response) => {
    const { barcode, ruleSet } = scanRequest(req.body, deps.verifier.ruleSets(), deps.config.defaultRuleSet);
    res.json(await viewOf(deps, barcode, ruleSet));
  });
  return router;
}
