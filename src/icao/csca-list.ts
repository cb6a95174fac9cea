// ICAO_CSCA as a trust source (docs/international-format.md, "Keys and certificates"; docs/verification.md, "Trust and
// rules, reloaded"): the health CSCAs a seal's barcode signer must be issued and signed by, with the PEM text as read
// (published by GET /v1/verifier/trust). A file without a certificate is the ConfigError naming ICAO_CSCA.
import { X509Certificate } from "node:crypto";
import { configFileError } from "../config/read-file.js";
import { pemCertificateBlocks } from "../crypto/pem.js";

export interface CscaList {
  /** The PEM text as read; empty when no CSCA is configured. */
  readonly pem: string;
  readonly cscas: readonly X509Certificate[];
}

/** No CSCA: every seal's chain check fails (its signer is untrusted). */
export const NO_CSCA: CscaList = Object.freeze({ pem: "", cscas: Object.freeze([]) });

export function parseCscaList(pem: string): CscaList {
  let cscas: X509Certificate[];
  try {
    cscas = pemCertificateBlocks(pem).map((block) => new X509Certificate(block));
  } catch (cause) {
    throw configFileError("ICAO_CSCA", undefined, cause);
  }
  if (cscas.length === 0) throw configFileError("ICAO_CSCA");
  return Object.freeze({ pem, cscas: Object.freeze(cscas) });
}
