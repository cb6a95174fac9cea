// The seal's `uvci` (vaccination) or `utci` (test): at most 12 characters (ICAO VDS-NC), the same for the same
// document in every encoding and endpoint, and not computable without the HSM (docs/international-format.md,
// "Identifiers"). It is cut from the same keyed HMAC as the document's DCC UVCI (src/dcc/uvci.ts): one HSM call
// gives both, and the seal id takes bits the UVCI does not show (bytes 10–19), so one cannot be told from the other.
import { OPAQUE_BYTES } from "../dcc/uvci.js";

export const SEAL_ID_LENGTH = 12;
// Upper-case letters and digits (the characters public seals use, e.g. Australia's `VB0009990012`): 36^12 ≈ 2^62.
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const BASE = BigInt(ALPHABET.length);
const SPACE = BASE ** BigInt(SEAL_ID_LENGTH);
// 80 bits reduced modulo 36^12: the bias of the reduction is below 2^-17, so the ids are as good as uniform.
const ID_BYTES = 10;

/**
 * The 12 characters of a document's seal id, from its keyed document digest (≥ 20 bytes). Why 62 bits are enough:
 * the chance that any two of n documents share an id is about n²/2^63, 10^-11 for 10,000 documents and 10^-3 for
 * 10^8 (every French Covid 2D-DOC); the ICAO limit of 12 characters allows no more.
 */
export function sealIdFromDigest(digest: Buffer): string {
  if (digest.length < OPAQUE_BYTES + ID_BYTES) throw new TypeError("digest shorter than 160 bits");
  let value = BigInt(`0x${digest.subarray(OPAQUE_BYTES, OPAQUE_BYTES + ID_BYTES).toString("hex")}`) % SPACE;
  let id = "";
  for (let i = 0; i < SEAL_ID_LENGTH; i += 1) {
    id = ALPHABET.charAt(Number(value % BASE)) + id;
    value /= BASE;
  }
  return id;
}
