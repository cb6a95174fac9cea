// REVOCATION_UPLOAD_SIGNER (docs/revocation.md): a JSON file `{"certificate": "upload.pem", "key": "pkcs11:…"}`,
// the certificate path relative to the file: the national backend's upload certificate (NB_UP) and the PKCS#11
// URI (RFC 7512) of its private key, which signs revocation batches as CMS inside the HSM.
// Not set: batches are returned unsigned. Any problem with the file stops the start, naming the variable.
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import type { KeyVault } from "../hsm/types.js";
import type { CmsSigner } from "./cms.js";

const FIELD = "REVOCATION_UPLOAD_SIGNER";

export interface UploadSignerFile {
  /** The upload certificate, DER. */
  readonly certificate: Buffer;
  /** RFC 7512 URI of the upload private key. */
  readonly keyUri: string;
}

function fail(cause?: unknown): never {
  throw new ConfigError("ERR_CONFIG", cause === undefined ? { field: FIELD } : { field: FIELD, cause });
}

export function readUploadSignerFile(path: string | undefined): UploadSignerFile | undefined {
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
  try {
    return { certificate: new X509Certificate(readFileSync(resolve(dirname(path), certificate))).raw, keyUri: key };
  } catch (cause) {
    return fail(cause);
  }
}

/**
 * The HSM-backed upload signer. TO BE WIRED when the key vault offers the upload operation (the vault signs a
 * SHA-256 digest with the key of `file.keyUri` and returns raw r‖s; `hsm init` creates the development upload
 * key and certificate): until then a configured REVOCATION_UPLOAD_SIGNER stops the start rather than being
 * silently ignored.
 */
export function hsmUploadSigner(file: UploadSignerFile, vault: KeyVault): CmsSigner {
  void vault;
  void file;
  return fail();
}
