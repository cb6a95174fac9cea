// GET /v1/signers: public information — the DSCs, their kid, the types they sign and their validity
// (README.md "HTTP API"); `?format=icao`: the barcode signers and the health CSCA (contract §9).
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { locals } from "./request-context.js";
import type { DccSigner } from "../dcc/signing.js";
import type { CertificateType } from "../dcc/types.js";
import { RequestError } from "../errors.js";
import { parseFormat } from "../format.js";
import type { SealSigner } from "../icao/signing.js";

export function signersRoutes(deps: AppDeps): Router {
  return Router().get("/v1/signers", (req, res) => {
    const format = parseFormat(req.query["format"]);
    if (format === "icao" && deps.sealTrust === undefined) throw new RequestError("ERR_FORMAT_OFF", { field: "format" });
    locals(res).code = "OK";
    const { vault } = deps.conversion;
    res.json(format === "icao" ? describeSealSigners(vault.sealSigners, deps.sealTrust?.cscaPem ?? "") : describeSigners(vault.signers));
  });
}

/** `{"signers": [{types, certificate, notBefore, notAfter}], "csca": "<PEM>"}` (contract §9): public information. */
function describeSealSigners(signers: readonly SealSigner[], cscaPem: string) {
  const described = signers.map((signer) => ({
    types: [...signer.types],
    certificate: signer.certificate.toString(),
    notBefore: signer.notBefore.toISOString(),
    notAfter: signer.notAfter.toISOString(),
  }));
  return { signers: described, csca: cscaPem };
}

export interface SignerDescription {
  readonly kid: string;
  readonly types: readonly CertificateType[];
  readonly certificate: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export function describeSigners(signers: readonly DccSigner[]): SignerDescription[] {
  return signers.map((signer) => ({
    kid: signer.kid.toString("base64"),
    types: [...signer.types],
    certificate: signer.certificate.toString(),
    notBefore: signer.notBefore.toISOString(),
    notAfter: signer.notAfter.toISOString(),
  }));
}
