// An ICAO VDS-NC seal, read by the product's seal verifier (src/icao/verify-seal.ts; docs/verification.md, "ICAO VDS-NC
// seals"): an envelope that cannot be read is undecodable (400); otherwise each of the verifier's named checks is a
// check here (format, signature, chain to a CSCA of ICAO_CSCA, signer validity at the validation time, extended key
// usage, document type), then the message read as the DCC payload the rules judge (seal-payload.ts), and the
// revocation list by the seal's own identifier. Nothing reaches the rules unless every check of the signer passed.
import { RequestError } from "../errors.js";
import { verifySeal, type SealCheck } from "../icao/verify-seal.js";
import type { SealProfile } from "../icao/seal-types.js";
import { sealIdOf, sealPayload } from "./seal-payload.js";
import { fixedCheck, type FixedCheckId } from "./wording.js";
import type { Check, CheckKind, ReadCertificate, VerificationDeps } from "./types.js";

const SEAL_CHECK_IDS: Readonly<Record<SealCheck, readonly [FixedCheckId, CheckKind]>> = {
  format: ["seal-format", "validity"],
  signature: ["signature", "signature"],
  chain: ["seal-chain", "issuer"],
  validity: ["seal-signer-validity", "validity"],
  extendedKeyUsage: ["seal-key-usage", "issuer"],
  documentType: ["seal-document-type", "issuer"],
};

export function readSeal(text: string, deps: VerificationDeps, at: Date): ReadCertificate {
  const report = verifySeal(text, { cscas: deps.icaoTrust.cscas, at });
  const format = report.checks.format;
  if (!format.ok) throw new RequestError("ERR_BARCODE_UNDECODABLE", { field: "seal", cause: format.code });
  const checks: Check[] = Object.entries(SEAL_CHECK_IDS).map(([check, [id, kind]]) =>
    fixedCheck(id, kind, report.checks[check as SealCheck].ok ? "passed" : "failed"),
  );
  if (!report.valid) return { format: "icao", checks };
  const read = sealPayload(report.profile as SealProfile, report.data);
  checks.push(fixedCheck("seal-content", "validity", read === undefined ? "failed" : "passed"));
  const id = sealIdOf(report.data);
  const revoked = id !== undefined && deps.revocations.isRevoked({ uvci: id });
  checks.push(fixedCheck("revocation", "revocation", id === undefined ? "open" : revoked ? "failed" : "passed"));
  return read === undefined ? { format: "icao", checks } : { format: "icao", checks, payload: read.payload, unavailable: read.unavailable };
}
