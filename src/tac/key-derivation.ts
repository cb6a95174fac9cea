// TousAntiCovid v2 key derivation (docs/tousanticovid.md; TousAntiCovid iOS `Crypto.swift`): k = HMAC-SHA256(key = ECDH shared secret, "conversion").
// The ECDH itself runs in the HSM (the server's static key never leaves it); the shared secret is
// per-request data, so the HMAC runs here in Node and the secret is dropped with the request.
import { createHmac } from "node:crypto";

/** The fixed HMAC message of the app's protocol (TAC iOS `Crypto.swift`, Android `ServerKeyAgreementHelper`). */
export const CONVERSION_KEY_LABEL = "conversion";
/** P-256 ECDH gives the 32-byte x coordinate of the shared point. */
export const SHARED_SECRET_LENGTH = 32;

/** The 32-byte AES-256 key of one v2 exchange. */
export function deriveConversionKey(sharedSecret: Buffer): Buffer {
  // A shared secret of another length means a programmer error in the vault, not a client mistake.
  if (sharedSecret.length !== SHARED_SECRET_LENGTH) throw new TypeError("ECDH shared secret must be 32 bytes");
  return createHmac("sha256", sharedSecret).update(CONVERSION_KEY_LABEL, "utf8").digest();
}
