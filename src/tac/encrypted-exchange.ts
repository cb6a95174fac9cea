// One TousAntiCovid v2 exchange (docs/tousanticovid.md): the app's ephemeral key + one of the server's static
// key-agreement aliases → ECDH in the HSM (CKM_ECDH1_DERIVE, the static key never leaves it) →
// k = HMAC-SHA256(shared, "conversion") → AES-256-GCM both ways. Several aliases may be live at once
// (key rotation); the alias and the client key are checked before any HSM call.
import { parseClientKey } from "./client-key.js";
import { deriveConversionKey } from "./key-derivation.js";
import { liveAlias, type KeyAgreement } from "./key-agreement.js";
import { openMessage, sealMessage } from "./wire.js";

export interface EncryptedExchange {
  /** The plaintext 2D-DOC from the request's `chainEncoded`; ERR_TAC_DECRYPT on any failure. */
  open(chainEncoded: string): string;
  /** The response body: base64(IV ‖ ciphertext ‖ tag) of the HC1 text, with a fresh IV. */
  seal(text: string): string;
}

/** Validates alias and client key, then agrees on the exchange key through the HSM. */
export async function openExchange(vault: KeyAgreement, alias: unknown, publicKey: unknown): Promise<EncryptedExchange> {
  const live = liveAlias(vault.keyAgreementKeys, alias);
  const clientPoint = parseClientKey(publicKey);
  const shared = await vault.deriveSharedSecret(live, clientPoint);
  const key = deriveConversionKey(shared);
  shared.fill(0);
  return {
    open: (chainEncoded) => openMessage(key, chainEncoded),
    seal: (text) => sealMessage(key, text),
  };
}
