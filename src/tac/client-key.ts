// The app's ephemeral public key (2d-doc.md §5: `publicKey` = base64 of its SPKI DER, P-256).
// Validated strictly BEFORE any HSM call (issue 5): standard base64, a DER SubjectPublicKeyInfo of
// id-ecPublicKey + prime256v1 holding a 65-byte uncompressed point that lies on the curve. Compressed
// points, other curves, trailing bytes and non-canonical DER are all refused with ERR_TAC_CLIENT_KEY.
import { RequestError } from "../errors.js";
import { isValidP256Point, P256_SPKI_PREFIX } from "../hsm/ec-point.js";

// RFC 5480 §2: SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (0 unused bits) 04‖X‖Y }.
const SPKI_LENGTH = P256_SPKI_PREFIX.length + 65;
/** base64 of 91 bytes is 124 characters; anything longer is refused before decoding. */
const MAX_ENCODED_LENGTH = 128;
const BASE64 = /^(?:[A-Z0-9+/]{4})*(?:[A-Z0-9+/]{2}==|[A-Z0-9+/]{3}=)?$/i;

function refuse(): never {
  throw new RequestError("ERR_TAC_CLIENT_KEY", { field: "publicKey" });
}

/**
 * The client's 65-byte uncompressed P-256 point, ready for CKM_ECDH1_DERIVE.
 * A `+` that reached us as a space (an unescaped `+` in a query string) is restored: a space is never
 * base64, so the repair cannot change the meaning of a valid key.
 */
export function parseClientKey(encoded: unknown): Buffer {
  if (typeof encoded !== "string" || encoded.length === 0 || encoded.length > MAX_ENCODED_LENGTH) refuse();
  const text = encoded.replaceAll(" ", "+");
  if (!BASE64.test(text)) refuse();
  const der = Buffer.from(text, "base64");
  if (der.length !== SPKI_LENGTH || !der.subarray(0, P256_SPKI_PREFIX.length).equals(P256_SPKI_PREFIX)) refuse();
  // The prefix fixes algorithm and curve; the point must be uncompressed and on the curve.
  const point = Buffer.from(der.subarray(P256_SPKI_PREFIX.length));
  if (!isValidP256Point(point)) refuse();
  return point;
}
