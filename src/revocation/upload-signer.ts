// REVOCATION_UPLOAD_SIGNER (docs/revocation.md): a JSON file `{"certificate": "upload.pem", "key": "pkcs11:…"}`,
// the certificate path relative to the file: the national backend's upload certificate (NB_UP) and the PKCS#11
// URI (RFC 7512) of its private key, which signs revocation batches as CMS inside the HSM.
// Not set: batches are returned unsigned. Any problem with the file stops the start, naming the variable; the key
// vault then checks that the token key is the certificate's (ERR_HSM_KEY naming the variable otherwise).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { readPem } from "../hsm/signers-file.js";
import type { KeyVault } from "../hsm/types.js";
import type { UploadSignerConfig } from "../hsm/vault-config.js";
import type { CmsSigner } from "./cms.js";

export const UPLOAD_SIGNER_VARIABLE = "REVOCATION_UPLOAD_SIGNER";

function fail(cause?: unknown): never {
  throw new ConfigError("ERR_CONFIG", cause === undefined ? { field: UPLOAD_SIGNER_VARIABLE } : { field: UPLOAD_SIGNER_VARIABLE, cause });
}

/** What the key vault needs to open the upload key: its certificate (PEM) and key URI, errors naming the variable. */
export function readUploadSignerFile(path: string | undefined): UploadSignerConfig | undefined {
  if (path === undefined) return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    return fail(cause);
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) fail();
  const { certificate, key } = entry as Record<string, unknown>;
  if (typeof certificate !== "string" || certificate === "" || typeof key !== "string" || !key.startsWith("pkcs11:")) fail();
  return { certificatePem: readPem(resolve(dirname(path), certificate), UPLOAD_SIGNER_VARIABLE), keyUri: key, field: UPLOAD_SIGNER_VARIABLE };
}

/** The CMS signer of revocation batches: the vault's upload certificate and key (ECDSA P-256 in the HSM, raw r‖s). */
export function hsmUploadSigner(vault: KeyVault): CmsSigner | undefined {
  const upload = vault.uploadSigner;
  if (upload === undefined) return undefined;
  return { certificate: upload.certificateDer, sign: (digest) => vault.signUpload(Buffer.from(digest)) };
}
