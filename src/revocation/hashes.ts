// The revocation hashes (docs/revocation.md). The EU DCC revocation hashes (eHealth Network, "Guidelines on
// the revocation of digital COVID certificates", §2 and its technical annex): the first 128 bits of SHA-256,
// in base64, over
//   UCI            = the UTF-8 bytes of the UVCI exactly as written in `ci`;
//   COUNTRYCODEUCI = the UTF-8 bytes of the CWT issuer country (hcert §3.3.4 claim 1) followed by the UVCI.
// And this service's own kind, 2DDOC: the SHA-256 of the 2D-DOC's signed data zone (ANTS, "Spécifications techniques
// des codes à barres 2D-Doc": header and message, up to the unit separator before the signature), in hex, so a
// document is refused whatever encoding carries it.
import { hash } from "node:crypto";
import { ISSUER_COUNTRY } from "../dcc/cwt.js";

export const HASH_TYPES = ["UCI", "COUNTRYCODEUCI", "2DDOC"] as const;
export type HashType = (typeof HASH_TYPES)[number];

/** The hash types the EU gateway carries (2DDOC is this service's own). */
export const EU_HASH_TYPES = ["UCI", "COUNTRYCODEUCI"] as const;
export type EuHashType = (typeof EU_HASH_TYPES)[number];

/** The EU hashes keep 128 bits; the stores keep as many of every kind (docs/revocation.md, "The list in memory"). */
export const STORED_HASH_BYTES = 16;

function sha256(data: string | Uint8Array): Buffer {
  return hash("sha256", data, "buffer") as Buffer; // a string is hashed as its UTF-8 bytes
}

export const uciDigest = (uvci: string): Buffer => sha256(uvci);
export const countryCodeUciDigest = (uvci: string, country: string = ISSUER_COUNTRY): Buffer => sha256(country + uvci);
export const documentDigest = (sourceBytes: Uint8Array): Buffer => sha256(sourceBytes);

/** The full SHA-256 digest of each kind for one certificate; 2DDOC only when the source document is known. */
export interface Digests {
  readonly UCI: Buffer;
  readonly COUNTRYCODEUCI: Buffer;
  readonly "2DDOC"?: Buffer;
}

export function digestsOf(uvci: string, sourceBytes?: Uint8Array): Digests {
  const eu = { UCI: uciDigest(uvci), COUNTRYCODEUCI: countryCodeUciDigest(uvci) };
  return sourceBytes === undefined ? eu : { ...eu, "2DDOC": documentDigest(sourceBytes) };
}

/** The text form of a digest as the EU gateway and REVOCATION_LIST write it. */
export function hashText(type: HashType, digest: Buffer): string {
  return type === "2DDOC" ? digest.toString("hex") : digest.subarray(0, STORED_HASH_BYTES).toString("base64");
}
