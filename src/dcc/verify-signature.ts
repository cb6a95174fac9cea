// COSE_Sign1 signature check (RFC 9052 §4.4; hcert §3.3.2–3.3.3): find the DSCs by kid, then verify
// the Sig_structure with each until one matches (kids are truncated hashes: several DSCs may share one).
import { constants, verify, type KeyObject, type X509Certificate } from "node:crypto";
import { DccError } from "../errors.js";
import { buildSigStructure, COSE_ALG } from "./cose.js";
import type { CoseSign1 } from "./decode.js";
import { computeKid, KID_LENGTH } from "./kid.js";

const kids = new WeakMap<X509Certificate, Buffer>();

function kidOf(certificate: X509Certificate): Buffer {
  let kid = kids.get(certificate);
  if (kid === undefined) {
    kid = computeKid(certificate);
    kids.set(certificate, kid);
  }
  return kid;
}

// ES256 (-7): ECDSA over P-256 only — a P-384 key under -7 is refused (RFC 9053 §2.1: ES256 is SHA-256 with P-256; dgc-testdata ES vectors 401–403);
// the signature is raw r‖s (RFC 8152 §8.1). PS256 (-37): RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 (RFC 8230).
function verifyWith(alg: number, key: KeyObject, data: Buffer, signature: Uint8Array): boolean {
  if (alg === COSE_ALG.ES256) {
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1" || signature.length !== 64) return false;
    return verify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, signature);
  }
  if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "rsa-pss") return false;
  return verify("sha256", data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
}

/** The DSC that signed the message; DccError ERR_COSE_ALGORITHM, ERR_COSE_UNKNOWN_KID or ERR_COSE_SIGNATURE otherwise. */
export function verifyCoseSignature(cose: CoseSign1, certificates: readonly X509Certificate[]): X509Certificate {
  const alg = cose.alg;
  if (alg !== COSE_ALG.ES256 && alg !== COSE_ALG.PS256) throw new DccError("ERR_COSE_ALGORITHM");
  // I-CO2 / CO25–CO26: a kid is exactly 8 bytes; a text kid (CO22's protected "foo") matches nothing either.
  const kid = cose.kid;
  if (!(kid instanceof Uint8Array) || kid.length !== KID_LENGTH) throw new DccError("ERR_COSE_UNKNOWN_KID");
  const candidates = certificates.filter((certificate) => kidOf(certificate).equals(kid));
  if (candidates.length === 0) throw new DccError("ERR_COSE_UNKNOWN_KID");
  const data = buildSigStructure(cose.protectedHeader, cose.payload);
  for (const certificate of candidates) {
    let valid: boolean;
    try {
      valid = verifyWith(alg, certificate.publicKey, data, cose.signature);
    } catch (cause) {
      // A malformed key or signature is a failed verification with its code, never a pass.
      throw new DccError("ERR_COSE_SIGNATURE", { cause });
    }
    if (valid) return certificate;
  }
  throw new DccError("ERR_COSE_SIGNATURE");
}
