// The UVCI (`ci`) this service writes (eHN UVCI guidelines, Annex 2; docs/revocation.md: the same 2D-DOC always gives the same UVCI):
// `URN:UVCI:01:FR:<opaque>#<Luhn mod 38 check>`, the opaque part derived from the document by a keyed hash
// that only the HSM can compute, so the same 2D-DOC always gives the same UVCI and nobody else can predict it.
import { randomBytes } from "node:crypto";

// eHN UVCI guidelines, Luhn mod N: code points A=0…Z=25, 0=26…9=35, "/"=36, ":"=37 — letters first ('#' excluded: separator only).
const LUHN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:";
const N = LUHN_ALPHABET.length;

/**
 * The Luhn mod 38 check character of `input` (eHN UVCI guidelines): over the whole upper-cased UVCI including
 * `URN:UVCI:`, without `#`; right to left with factors 2, 1, 2…, adding `p div 38 + p mod 38`.
 * A character outside the alphabet is a programmer error (TypeError).
 */
export function luhnMod38Check(input: string): string {
  const text = input.toUpperCase();
  let factor = 2;
  let sum = 0;
  for (let i = text.length - 1; i >= 0; i -= 1) {
    const codePoint = LUHN_ALPHABET.indexOf(text.charAt(i));
    if (codePoint < 0) throw new TypeError("character outside the Luhn mod 38 alphabet");
    const product = codePoint * factor;
    sum += Math.floor(product / N) + (product % N);
    factor = factor === 2 ? 1 : 2;
  }
  return LUHN_ALPHABET.charAt((N - (sum % N)) % N);
}

// eHN UVCI guidelines, the ABNF: version 01, an alpha-2 country, then OPAQUE, ISSUER/OPAQUE or
// ISSUER/VACCINE/OPAQUE (each 1*(A-Z / 0-9)), then an optional "#" and check. Prefix case-insensitive.
// Also the payload schema's `ci` pattern: JSON Schema patterns take no flags, so the case is spelled out.
export const UVCI_REGEX = /^[Uu][Rr][Nn]:[Uu][Vv][Cc][Ii]:01:[A-Za-z]{2}:[A-Za-z0-9]+(?:\/[A-Za-z0-9]+){0,2}(?:#[A-Za-z0-9:/])?$/u;
export const UVCI_MAX_LENGTH = 80; // schema 1.3.0+ maxLength (DCC JSON schema 1.3.x)

/** The UVCI grammar (eHN UVCI guidelines, Annex 2), ≤ 80 characters; the check character is not checked. */
export function matchesUvciGrammar(uvci: string): boolean {
  return uvci.length <= UVCI_MAX_LENGTH && UVCI_REGEX.test(uvci);
}

/** A check character is present after "#" and is the right one (eHN UVCI guidelines, Annex 2: Luhn mod N). */
export function hasValidCheckCharacter(uvci: string): boolean {
  const hash = uvci.indexOf("#");
  return hash >= 0 && luhnMod38Check(uvci.slice(0, hash)) === uvci.slice(hash + 1).toUpperCase();
}

/** The grammar, and — when a check character is present — the right one. */
export function isValidUvci(uvci: string): boolean {
  return matchesUvciGrammar(uvci) && (!uvci.includes("#") || hasValidCheckCharacter(uvci));
}

const FR_PREFIX = "URN:UVCI:01:FR:";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/**
 * 80 bits of opaque id. Why ≥ 72: ids are derived from documents, so two documents colliding would share a
 * UVCI (a UVCI is unique to one certificate: eHN UVCI guidelines, Annex 2). By the birthday bound the probability of any collision among n ids is about
 * n²/2^(b+1): for n = 10^10 documents (every French certificate ever, many times over) that is 10^20/2^81
 * ≈ 4·10^-5 at 80 bits, versus ≈ 1·10^-2 at 72 bits. 80 bits is also exactly 16 base32 characters without
 * padding, keeping the UVCI at 33 characters (Annex 2 aims for 27–30; < 60 for manual entry).
 */
export const OPAQUE_BYTES = 10;

/** RFC 4648 §6 base32, no padding (10 bytes → 16 characters of A–Z2–7). */
function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32.charAt((buffer >>> (bits - 5)) & 31);
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32.charAt((buffer << (5 - bits)) & 31) : out;
}

/** `URN:UVCI:01:FR:<base32 of the first 80 bits>#<check>`. */
export function uvciFromDigest(digest: Buffer): string {
  if (digest.length < OPAQUE_BYTES) throw new TypeError("digest shorter than 80 bits");
  const body = FR_PREFIX + encodeBase32(digest.subarray(0, OPAQUE_BYTES));
  return `${body}#${luhnMod38Check(body)}`;
}

// Domain separation: the UVCI key's HMAC of a document can never equal its HMAC for another purpose.
const UVCI_DOMAIN = Buffer.from("dcc-converter uvci v1\0", "latin1");

/** HMAC-SHA256 in the HSM over the domain tag and a document's signed bytes: what its identifiers are cut from. */
export function keyedDocumentDigest(keyedHash: (data: Buffer) => Promise<Buffer>, documentBytes: Buffer): Promise<Buffer> {
  return keyedHash(Buffer.concat([UVCI_DOMAIN, documentBytes]));
}

/** The UVCI of a source document: its first 80 bits of keyedDocumentDigest. */
export async function deriveUvci(keyedHash: (data: Buffer) => Promise<Buffer>, documentBytes: Buffer): Promise<string> {
  return uvciFromDigest(await keyedDocumentDigest(keyedHash, documentBytes));
}

/** A fresh UVCI for issuance without a source document (MEAE, `POST /v1/certificates`). */
export function randomUvci(): string {
  return uvciFromDigest(randomBytes(OPAQUE_BYTES));
}
