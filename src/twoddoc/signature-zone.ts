// The signature zone (ANTS 2D-Doc specification: signature and annex zones): the FIRST US splits the data zone (signed) from the
// signature, base32 without padding (`=` tolerated). All Covid keys are P-256: r‖s = 64 bytes = 103
// base32 chars. In v04 an unsigned annex may follow those 103 chars; it is flagged, never parsed into
// trusted fields. Versions 02/03 have no annex, so anything after the signature is an error.
import { TwoDDocError } from "../errors.js";
import { decodeBase32 } from "./base32.js";
import type { Header } from "./types.js";

const US = "\x1f";
/** ANTS 2D-Doc signature zone: P-256 → 64 bytes r‖s → 103 base32 chars. */
export const P256_SIGNATURE_CHARS = 103;
export const P256_SIGNATURE_BYTES = 64;
/** 103 chars round up to 104 with a single `=` pad. */
const PADDING = /^=+/;

export interface SignatureZone {
  /** Header + message, up to but excluding the first US. */
  readonly data: string;
  /** The raw r‖s signature. */
  readonly signature: Buffer;
  readonly hasAnnex: boolean;
}

function decodeSignature(encoded: string): Buffer {
  const signature = decodeBase32(encoded);
  if (signature?.length !== P256_SIGNATURE_BYTES) throw new TwoDDocError("ERR_2DDOC_SIGNATURE_ENCODING");
  return signature;
}

/** Splits a normalised 2D-DOC into its signed data, its signature and whether an annex follows. */
export function splitSignatureZone(text: string, header: Header): SignatureZone {
  const separator = text.indexOf(US);
  if (separator < 0) throw new TwoDDocError("ERR_2DDOC_NO_SIGNATURE");
  const zone = text.slice(separator + 1);
  const signature = decodeSignature(zone.slice(0, P256_SIGNATURE_CHARS));
  const padding = PADDING.exec(zone.slice(P256_SIGNATURE_CHARS))?.[0].length ?? 0;
  if (padding > 1) throw new TwoDDocError("ERR_2DDOC_SIGNATURE_ENCODING");
  const rest = zone.length - P256_SIGNATURE_CHARS - padding;
  if (rest > 0 && header.version !== "04") throw new TwoDDocError("ERR_2DDOC_SIGNATURE_ENCODING");
  return { data: text.slice(0, separator), signature, hasAnnex: rest > 0 };
}
