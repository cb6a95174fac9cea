// GET /v1/signers: public information — the DSCs, their kid, the types they sign and their validity
// (README.md "HTTP API"); `?format=icao`: the barcode signers and the health CSCA (contract §9).
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { locals } from "./request-context.js";
import { describeSigners } from "../hsm/signers-file.js";
import { RequestError } from "../errors.js";
import { parseFormat } from "../format.js";

export function signersRoutes(deps: AppDeps): Router {
  return Router().get("/v1/signers", (req, res) => {
    const format = parseFormat(req.query["format"]);
    if (format === "icao" && deps.sealTrust === undefined) throw new RequestError("ERR_FORMAT_OFF", { field: "format" });
    locals(res).code = "OK";
    res.json(format === "icao" ? describeSealSigners(deps.conversion.vault, deps.sealTrust?.cscaPem ?? "") : describeSigners(deps.conversion.vault));
  });
}

/** `{"signers": [{types, certificate, notBefore, notAfter}], "csca": "<PEM>"}` (contract §9): public information. */
function describeSealSigners(vault: AppDeps["conversion"]["vault"], cscaPem: string) {
  const signers = vault.sealSigners.map((signer) => ({
    types: [...signer.types],
    certificate: signer.certificate.toString(),
    notBefore: signer.notBefore.toISOString(),
    notAfter: signer.notAfter.toISOString(),
  }));
  return { signers, csca: cscaPem };
}
