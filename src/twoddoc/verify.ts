// Signature verification and the conversion gate (ANTS 2D-Doc, signature; README: "422", only French documents).
// Order of the gate: signer known → signer valid at the SIGNATURE date → signature → country FR →
// document type B2/L1 of perimeter 01. Fail closed: any exception during verification is "invalid".
import { verify } from "node:crypto";
import { TwoDDocError } from "../errors.js";
import type { ErrorCode } from "../errors.js";
import {
  isCovidDocument,
  type ParsedDocument,
  type SignatureStatus,
  type TrustedSigner,
  type TrustStore,
  type VerifiedDocument,
} from "./types.js";

const DAY_MS = 86_400_000;

const REFUSAL: Readonly<Record<Exclude<SignatureStatus, "valid">, ErrorCode>> = {
  "unknown-signer": "ERR_2DDOC_UNKNOWN_SIGNER",
  "signer-not-valid-at-signature-date": "ERR_2DDOC_SIGNER_NOT_VALID",
  invalid: "ERR_2DDOC_SIGNATURE",
};

/**
 * ANTS 2D-Doc trust model: the leaf must be valid at the document's signature date. The header gives a calendar day
 * without time or zone, so the signer is accepted when its validity overlaps that whole UTC day
 * (notBefore ≤ end of day and notAfter ≥ start of day). A document without a signature date
 * (`FFFF`) cannot show it was signed while the certificate was valid: refused.
 */
export function isValidOnSignatureDay(signer: TrustedSigner, signatureDate: string | null): boolean {
  if (signatureDate === null) return false;
  const startOfDay = Date.parse(`${signatureDate}T00:00:00Z`);
  const endOfDay = startOfDay + DAY_MS - 1;
  return signer.notBefore.getTime() <= endOfDay && signer.notAfter.getTime() >= startOfDay;
}

function verifiesWith(signer: TrustedSigner, doc: ParsedDocument): boolean {
  try {
    // ANTS 2D-Doc signature zone: ECDSA P-256 / SHA-256 over the signed bytes, signature as raw r‖s.
    return verify("sha256", doc.signedData, { key: signer.publicKey, dsaEncoding: "ieee-p1363" }, doc.signature) === true;
  } catch {
    return false;
  }
}

function signerOf(doc: ParsedDocument, trust: TrustStore): TrustedSigner | undefined {
  return trust.find(doc.header.caId, doc.header.certId);
}

function statusWith(signer: TrustedSigner | undefined, doc: ParsedDocument): SignatureStatus {
  if (signer === undefined) return "unknown-signer";
  if (!isValidOnSignatureDay(signer, doc.header.signatureDate)) return "signer-not-valid-at-signature-date";
  return verifiesWith(signer, doc) ? "valid" : "invalid";
}

/** The signature status of a parsed document against a trust store. Never throws. */
export function checkSignature(doc: ParsedDocument, trust: TrustStore): SignatureStatus {
  return statusWith(signerOf(doc, trust), doc);
}

/** The document, if it may be converted; otherwise throws the first refusal (order in the header). */
export function assertConvertible(doc: ParsedDocument, trust: TrustStore): VerifiedDocument {
  const signer = signerOf(doc, trust);
  const status = statusWith(signer, doc);
  if (status !== "valid") throw new TwoDDocError(REFUSAL[status]);
  // README, "only French documents": the header says FR (v02/v03 headers are implicitly FR, ANTS 2D-Doc
  // header) AND so does the signer's certificate. The ANTS 2D-Doc certificate profile puts the signer's
  // country in the subject's C (every French leaf: C=FR); checking it too keeps a wider
  // TWODDOC_TRUST_BUNDLE (the whole ANTS trust list, say) from converting a foreign signer's document.
  if (doc.header.country !== "FR" || signer?.country !== "FR") throw new TwoDDocError("ERR_2DDOC_NOT_FRENCH");
  if (!isCovidDocument(doc.header)) {
    throw new TwoDDocError("ERR_2DDOC_DOCUMENT_TYPE");
  }
  return Object.freeze({ ...doc, signatureStatus: "valid" });
}
