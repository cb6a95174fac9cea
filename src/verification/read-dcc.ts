// An HC1: certificate, read as the EU verifiers read it (hcert §3; the stages of src/dcc/verify.ts): the decoding
// layers (prefix, base45, zlib, COSE_Sign1, CWT claims) must hold, or the barcode is undecodable (400). Then each
// trust fact is a named check: the signature against the DSCs of the trust list found by kid (hcert §3.3.2),
// the signer's extended key usage for the certificate's type (hcert §A.4), the CWT times against the validation
// time (hcert §3.3.5–3.3.6), the payload against the DCC schema, and the revocation list (UCI, COUNTRYCODEUCI).
import type { X509Certificate } from "node:crypto";
import { DccError, isConverterError, RequestError } from "../errors.js";
import { decodeBase45 } from "../dcc/base45.js";
import { checkExpiration } from "../dcc/check-expiration.js";
import { checkKeyUsage } from "../dcc/check-key-usage.js";
import { parseCoseSign1, readClaims, type Claims, type CoseSign1 } from "../dcc/decode.js";
import { removePrefix } from "../dcc/hc1.js";
import type { DccPayload } from "../dcc/types.js";
import { checkDccSchema, typeOfPayload } from "../dcc/verify-schema.js";
import { verifyCoseSignature } from "../dcc/verify-signature.js";
import { decompress } from "../dcc/zlib.js";
import { fixedCheck } from "./wording.js";
import type { Check, ReadCertificate, VerificationDeps } from "./types.js";

/** A decoding layer that fails: 400, naming the layer, never the input. */
function decodeLayer<T>(field: string, step: () => T): T {
  try {
    return step();
  } catch (cause) {
    throw new RequestError("ERR_BARCODE_UNDECODABLE", { field, cause: isConverterError(cause) ? cause.code : undefined });
  }
}

function decodeHc1(text: string): { cose: CoseSign1; claims: Claims } {
  const base45 = decodeLayer("prefix", () => removePrefix(text));
  const compressed = decodeLayer("base45", () => decodeBase45(base45));
  const coseBytes = decodeLayer("zlib", () => decompress(compressed));
  const cose = decodeLayer("cose", () => parseCoseSign1(coseBytes));
  return { cose, claims: decodeLayer("claims", () => readClaims(cose.payload)) };
}

/** Fail closed: a check whose step throws anything is failed, never passed. */
function passes(step: () => void): boolean {
  try {
    step();
    return true;
  } catch {
    return false;
  }
}

/** Signature and issuer: the kid must name a DSC of the list (issuer), whose key verifies (signature). */
function checkSigner(cose: CoseSign1, deps: VerificationDeps, checks: Check[]): X509Certificate | undefined {
  const candidates = cose.kid instanceof Uint8Array ? deps.dccTrust.find(cose.kid) : [];
  try {
    const dsc = verifyCoseSignature(cose, candidates);
    checks.push(fixedCheck("signature", "signature", "passed"));
    return dsc;
  } catch (error) {
    const unknown = error instanceof DccError && error.code === "ERR_COSE_UNKNOWN_KID";
    checks.push(fixedCheck("signature", "signature", unknown ? "open" : "failed"));
    if (unknown) checks.push(fixedCheck("issuer", "issuer", "failed"));
    return undefined;
  }
}

export function readDcc(text: string, deps: VerificationDeps, at: Date): ReadCertificate {
  const { cose, claims } = decodeHc1(text);
  const checks: Check[] = [];
  const kid = cose.kid instanceof Uint8Array ? Buffer.from(cose.kid).toString("base64") : undefined;
  const cwt = {
    ...(claims.iat === undefined ? {} : { iat: claims.iat }),
    ...(claims.exp === undefined ? {} : { exp: claims.exp }),
    ...(claims.iss === undefined ? {} : { iss: claims.iss }),
    ...(kid === undefined ? {} : { kid }),
  };
  const dsc = checkSigner(cose, deps, checks);
  if (dsc === undefined) return { format: "dcc", checks, cwt };
  const schemaValid = passes(() => checkDccSchema(claims.payload));
  const payload = schemaValid ? (claims.payload as DccPayload) : undefined;
  const keyUsage = payload !== undefined && passes(() => checkKeyUsage(dsc, typeOfPayload(payload)));
  checks.push(fixedCheck("issuer", "issuer", payload === undefined ? "open" : keyUsage ? "passed" : "failed"));
  checks.push(fixedCheck("expiration", "validity", passes(() => checkExpiration(claims, dsc, at)) ? "passed" : "failed"));
  checks.push(fixedCheck("schema", "validity", schemaValid ? "passed" : "failed"));
  const uvci = payload === undefined ? undefined : uvciOf(payload);
  const revoked = uvci !== undefined && deps.revocations.isRevoked({ uvci, ...(claims.iss === undefined ? {} : { country: claims.iss }) });
  checks.push(fixedCheck("revocation", "revocation", uvci === undefined ? "open" : revoked ? "failed" : "passed"));
  return { format: "dcc", checks, cwt, ...(payload === undefined ? {} : { payload }) };
}

function uvciOf(payload: DccPayload): string | undefined {
  return (payload.v ?? payload.t ?? payload.r)?.[0]?.ci;
}
