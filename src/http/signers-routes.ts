// GET /v1/signers: public information — the DSCs, their kid, the types they sign and their validity
// (README.md "HTTP API").
import { Router } from "express";
import type { AppDeps } from "./deps.js";
import { locals } from "./request-context.js";
import type { DccSigner } from "../dcc/signing.js";
import type { CertificateType } from "../dcc/types.js";

export function signersRoutes(deps: AppDeps): Router {
  return Router().get("/v1/signers", (_req, res) => {
    locals(res).code = "OK";
    res.json(describeSigners(deps.conversion.vault.signers));
  });
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
