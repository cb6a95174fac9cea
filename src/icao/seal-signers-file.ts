// ICAO_SIGNERS and ICAO_CSCA (docs/international-format.md, "Keys and certificates"): the barcode signers, in the shape
// of DCC_SIGNERS (`{"types": ["NV", "NT"], "certificate", "key"}`), and the health CSCA (PEM) that issued them. Each
// signer must be issued and signed by a CSCA of ICAO_CSCA (checked here, at start); the vault checks the Doc 9303-12
// profile and that the token key matches (src/hsm/vault-config.ts, key-vault.ts).
import { X509Certificate } from "node:crypto";
import { pemCertificateBlocks } from "../crypto/pem.js";
import { configFileError, readConfigPem } from "../config/read-file.js";
import { readSignerEntries, signersSchema } from "../hsm/signers-file.js";
import type { SealSignerConfig } from "../hsm/vault-config.js";
import { SEAL_DOCUMENT_TYPES, type SealDocumentType } from "./seal-types.js";
import { isIssuedByOneOf } from "./verify-seal.js";

export interface SealTrustConfig {
  readonly signers: readonly SealSignerConfig[];
  /** ICAO_CSCA as read (published by GET /v1/signers?format=icao) and its certificates. */
  readonly cscaPem: string;
  readonly cscas: readonly X509Certificate[];
}

function certificates(pem: string, variable: string, entry?: number): X509Certificate[] {
  try {
    return pemCertificateBlocks(pem).map((block) => new X509Certificate(block));
  } catch (cause) {
    throw configFileError(variable, entry, cause);
  }
}

const SEAL_SIGNERS_SCHEMA = signersSchema(SEAL_DOCUMENT_TYPES);

export function loadSealTrust(files: { readonly signersFile: string; readonly cscaFile: string }): SealTrustConfig {
  const cscaPem = readConfigPem(files.cscaFile, "ICAO_CSCA");
  const cscas = certificates(cscaPem, "ICAO_CSCA");
  const signers = readSignerEntries<SealDocumentType>(files.signersFile, "ICAO_SIGNERS", SEAL_SIGNERS_SCHEMA);
  signers.forEach((signer, index) => {
    const [certificate] = certificates(signer.certificatePem, "ICAO_SIGNERS", index);
    if (certificate === undefined || !isIssuedByOneOf(certificate, cscas)) throw configFileError("ICAO_SIGNERS", index);
  });
  return { signers, cscaPem, cscas };
}
