// POST /v1/certificates — MEAE issuance (docs/batch-and-issuance.md): a vaccination or recovery payload
// without `ci` in, a signed DCC out (201: JSON, the QR image or the printable certificate). Envelope only;
// the rules are in src/issue/.
import { Router } from "express";
import { issueCertificate } from "../issue/issue-certificate.js";
import type { AppDeps } from "./deps.js";
import { requireScope } from "./auth.js";
import { apiRateLimit } from "./api-rate-limit.js";
import { readJsonBody } from "./json-body.js";
import { negotiateAnswer, sendConversion, type RenderAnswer } from "./conversion-response.js";
import type { RequestSlots } from "./request-slots.js";
import { observeConversion } from "./observe-conversion.js";

export function certificatesRoutes(deps: AppDeps, printed: RequestSlots): Router {
  const router = Router();
  const render: RenderAnswer = (answer, mediaType) => deps.converter.render(answer, mediaType);
  router.post("/v1/certificates", requireScope(deps.apiClients, "issue"), apiRateLimit(deps), async (req, res) => {
    const mediaType = negotiateAnswer(req, res, printed);
    const body = await readJsonBody(req);
    const conversion = await observeConversion(deps, res, "issue", () => issueCertificate(body, deps.conversion));
    await sendConversion(res, conversion, mediaType, 201, render);
  });
  return router;
}
