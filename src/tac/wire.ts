// TousAntiCovid v2 wire format (docs/tousanticovid.md): AES-256-GCM, 12-byte IV, 128-bit tag, no AAD,
// sent as standard base64 (no line wrap) of IV ‖ ciphertext ‖ tag. Used for the request's
// `chainEncoded` and for the response body (a fresh IV each time).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { RequestError } from "../errors.js";

export const IV_LENGTH = 12;
export const TAG_LENGTH = 16;
const KEY_LENGTH = 32;
// Standard alphabet, canonical padding: anything else is refused before decryption.
/** Standard base64 with padding (RFC 4648 §4); linear-time (no nested quantifier can backtrack). */
export const BASE64 = /^(?:[A-Z0-9+/]{4})*(?:[A-Z0-9+/]{2}==|[A-Z0-9+/]{3}=)?$/i;

function assertKey(key: Buffer): void {
  if (key.length !== KEY_LENGTH) throw new TypeError("AES-256 key must be 32 bytes");
}

/** Encrypts `plaintext` (UTF-8) for the app. `iv` is only passed by known-answer tests. */
export function sealMessage(key: Buffer, plaintext: string, iv: Buffer = randomBytes(IV_LENGTH)): string {
  assertKey(key);
  if (iv.length !== IV_LENGTH) throw new TypeError("AES-GCM IV must be 12 bytes");
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_LENGTH });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64");
}

/**
 * Decrypts a message of the app. Every failure — not base64, too short, tag mismatch, not UTF-8 —
 * is the same ERR_TAC_DECRYPT with no detail (no hint of why decryption failed).
 */
export function openMessage(key: Buffer, message: string): string {
  assertKey(key);
  if (!BASE64.test(message)) throw new RequestError("ERR_TAC_DECRYPT");
  const bytes = Buffer.from(message, "base64");
  if (bytes.length < IV_LENGTH + TAG_LENGTH + 1) throw new RequestError("ERR_TAC_DECRYPT");
  const iv = bytes.subarray(0, IV_LENGTH);
  const tag = bytes.subarray(bytes.length - TAG_LENGTH);
  const ciphertext = bytes.subarray(IV_LENGTH, bytes.length - TAG_LENGTH);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_LENGTH });
    decipher.setAuthTag(tag);
    const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    // Fail closed, and drop the cause: OpenSSL's reason is a detail the client must not learn.
    throw new RequestError("ERR_TAC_DECRYPT");
  }
}
