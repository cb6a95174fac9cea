// POST /v1/revocations — computing revocations (docs/revocation.md): `{"documents": [...], "uvcis": [...]}`, at most
// 10,000 items, → `{"entries", "batches"}`. Envelope only: scope, size, shape; the work is in src/revocation/.
// The answer holds UVCIs and hashes: it goes to the authenticated `revoke` client only, is never cached, never
// logged, and no error body repeats an item.
import { Router, type NextFunction, type Response } from "express";
import { RequestError } from "../errors.js";
import { revokeAll, type RevocationItem } from "../revocation/revoke-items.js";
import { batchesJson, batchesOf } from "../revocation/revocation-report.js";
import type { AppDeps } from "./deps.js";
import { requireScope } from "./auth.js";
import { apiRateLimit } from "./api-rate-limit.js";
import { jsonBody } from "./json-body.js";
import { locals } from "./request-context.js";
import { requestSlots } from "./request-slots.js";

export const MAX_REVOCATION_ITEMS = 10_000;
/**
 * What 10,000 items can need (service contract §8.2, docs/revocation.md): a 2D-DOC is a few hundred characters, about
 * 1.2 KiB once percent-encoded with JSON escapes. A larger body is refused from its Content-Length, or as soon as
 * its chunks pass the bound, before it is held whole; a parsed body of this size costs tens of megabytes.
 */
export const REVOCATION_BODY_LIMIT = 12 * 1024 * 1024;
/** Revocation requests in progress at once per process: two bodies at the bound held and parsed, not more. */
export const REVOCATION_MAX_CONCURRENT = 2;

function stringList(body: Record<string, unknown>, name: "documents" | "uvcis"): readonly string[] {
  const value = body[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RequestError("ERR_REQUEST_MALFORMED", { field: name });
  value.forEach((item, index) => {
    if (typeof item !== "string") throw new RequestError("ERR_REQUEST_MALFORMED", { field: `${name}[${index}]` });
  });
  return value as string[];
}

function readItems(body: unknown): RevocationItem[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new RequestError("ERR_REQUEST_MALFORMED");
  const record = body as Record<string, unknown>;
  if (record["documents"] === undefined && record["uvcis"] === undefined)
    throw new RequestError("ERR_REQUEST_MALFORMED", { field: "documents" });
  const documents = stringList(record, "documents");
  const uvcis = stringList(record, "uvcis");
  if (documents.length + uvcis.length > MAX_REVOCATION_ITEMS) throw new RequestError("ERR_REQUEST_TOO_LARGE");
  return [
    ...documents.map((input, index) => ({ source: "document" as const, index, input })),
    ...uvcis.map((input, index) => ({ source: "uvci" as const, index, input })),
  ];
}

export function revocationsRoutes(deps: AppDeps): Router {
  const router = Router();
  const revokeDeps = { prepare: (input: string) => deps.converter.prepare(input), vault: deps.conversion.vault };
  const slots = requestSlots(REVOCATION_MAX_CONCURRENT, "revocations");
  const takeSlot = (_req: unknown, res: Response, next: NextFunction) => {
    slots.take(res); // before the body is read: a refused request holds nothing
    next();
  };
  router.post(
    "/v1/revocations",
    requireScope(deps.apiClients, "revoke"),
    apiRateLimit(deps),
    takeSlot,
    jsonBody(REVOCATION_BODY_LIMIT),
    async (req, res) => {
      const entries = await revokeAll(readItems(req.body), revokeDeps);
      const batches = await batchesOf(entries, {
        now: deps.conversion.clock(),
        validity: deps.conversion.validity,
        signer: deps.uploadSigner,
      });
      locals(res).code = "OK";
      res.setHeader("Cache-Control", "no-store");
      res.status(200).json({ entries, batches: batchesJson(batches) });
    },
  );
  return router;
}
