// P-256 public points between PKCS#11 and Node.
// CKA_EC_POINT is a DER OCTET STRING around the uncompressed point `04‖X‖Y` (PKCS#11 v2.40 §2.3.3);
// an SPKI for crypto.createPublicKey is the fixed P-256 prefix followed by that point.
import { ECDH } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { pkcs11js } from "./module.js";
import type { Handle, Pkcs11 } from "./module.js";

/** DER of the prime256v1 OID, the CKA_EC_PARAMS of every key of this product (hcert §3.3.1: ES256, P-256 only). */
export const P256_EC_PARAMS = Buffer.from("06082a8648ce3d030107", "hex");
const P256_SPKI_PREFIX = Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200", "hex");
const POINT_LENGTH = 65;

/** CKA_EC_POINT (DER OCTET STRING, or a bare point as some modules return) → the 65-byte point. */
function unwrapEcPoint(ecPoint: Buffer): Buffer {
  if (ecPoint.length === POINT_LENGTH + 2 && ecPoint[0] === 0x04 && ecPoint[1] === POINT_LENGTH) {
    return ecPoint.subarray(2);
  }
  if (ecPoint.length === POINT_LENGTH && ecPoint[0] === 0x04) return ecPoint;
  throw new TypeError("CKA_EC_POINT is not an uncompressed P-256 point");
}

/** The 65-byte point of a public-key object (its CKA_EC_POINT unwrapped). */
export function readEcPoint(module: Pkcs11, session: Handle, publicKey: Handle): Buffer {
  const [attribute] = module.C_GetAttributeValue(session, publicKey, [{ type: pkcs11js.CKA_EC_POINT }]);
  if (!(attribute?.value instanceof Buffer)) throw new TypeError("the public key has no CKA_EC_POINT");
  return unwrapEcPoint(attribute.value);
}

/** The SPKI prefix of every P-256 public key (RFC 5480 §2), followed by the 65-byte point. */
export { P256_SPKI_PREFIX };

export function ecPointToSpki(ecPoint: Buffer): Buffer {
  return Buffer.concat([P256_SPKI_PREFIX, unwrapEcPoint(ecPoint)]);
}

/** The 65-byte uncompressed point of a P-256 public key, or undefined when the key is not P-256. */
export function p256PointOf(key: KeyObject): Buffer | undefined {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") return undefined;
  const spki = key.export({ type: "spki", format: "der" });
  if (spki.length !== P256_SPKI_PREFIX.length + POINT_LENGTH) return undefined;
  if (!spki.subarray(0, P256_SPKI_PREFIX.length).equals(P256_SPKI_PREFIX)) return undefined;
  return spki.subarray(P256_SPKI_PREFIX.length);
}

/**
 * A peer's uncompressed point checked to lie on P-256: OpenSSL's point decoding refuses coordinates ≥ p
 * and points off the curve (cofactor 1: any such point is in the prime-order group). ECDH.convertKey
 * costs ~35 µs a point, createPublicKey (OpenSSL 3 DER decoders) ~330 µs.
 */
export function isValidP256Point(point: Buffer): boolean {
  if (point.length !== POINT_LENGTH || point[0] !== 0x04) return false;
  try {
    ECDH.convertKey(point, "prime256v1", undefined, undefined, "uncompressed");
    return true;
  } catch {
    return false;
  }
}
