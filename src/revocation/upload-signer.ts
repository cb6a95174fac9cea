// REVOCATION_UPLOAD_SIGNER (docs/revocation.md): a JSON file `{"certificate": "upload.pem", "key": "pkcs11:…"}`,
// the certificate path relative to the file: the national backend's upload certificate (NB_UP) and the PKCS#11
// URI (RFC 7512) of its private key, which signs revocation batches as CMS inside the HSM.
// Not set: batches are returned unsigned. Any problem with the file stops the start, naming the variable; the key
// vault then checks that the token key is the certificate's (ERR_HSM_KEY naming the variable otherwise).
import type { X509Certificate } from "node:crypto";
import { dirname, resolve } from "node:path";
import { readConfigJson, readConfigPem, text } from "../config/read-file.js";
import type { UploadSignerConfig } from "../hsm/vault-config.js";
import type { CmsSigner } from "./cms.js";

export const UPLOAD_SIGNER_VARIABLE = "REVOCATION_UPLOAD_SIGNER";

const UPLOAD_SIGNER_SCHEMA = {
  type: "object",
  required: ["certificate", "key"],
  properties: { certificate: text(), key: text("^pkcs11:") },
};

/** What the key vault needs to open the upload key: its certificate (PEM) and key URI, errors naming the variable. */
export function readUploadSignerFile(path: string | undefined): UploadSignerConfig | undefined {
  if (path === undefined) return undefined;
  const { certificate, key } = readConfigJson<{ certificate: string; key: string }>(path, UPLOAD_SIGNER_VARIABLE, UPLOAD_SIGNER_SCHEMA);
  const certificatePem = readConfigPem(resolve(dirname(path), certificate), UPLOAD_SIGNER_VARIABLE);
  return { certificatePem, keyUri: key, field: UPLOAD_SIGNER_VARIABLE };
}

/** The upload signer's certificate (not a DSC), for the CMS of revocation batches. */
export interface UploadSigner {
  readonly certificate: X509Certificate;
  readonly certificateDer: Buffer;
}

/** The port of signing an upload: the upload signer, when the vault was opened with one, and its key in the HSM. */
export interface UploadSigning {
  readonly uploadSigner: UploadSigner | undefined;
  /** ECDSA P-256 with the upload signer's key over a 32-byte SHA-256 digest → raw r‖s (64 bytes). */
  signUpload(digest: Buffer): Promise<Buffer>;
}

/** The CMS signer of revocation batches: the vault's upload certificate and key (ECDSA P-256 in the HSM, raw r‖s). */
export function hsmUploadSigner(vault: UploadSigning): CmsSigner | undefined {
  const upload = vault.uploadSigner;
  if (upload === undefined) return undefined;
  return { certificate: upload.certificateDer, sign: (digest) => vault.signUpload(Buffer.from(digest)) };
}
