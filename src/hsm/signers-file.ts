// DCC_SIGNERS (README.md "Configuration"; ICAO_SIGNERS reads the same shape, src/icao/seal-signers-file.ts): a JSON array of {"types": ["v","t","r"], "certificate": "<PEM file, relative to
// the JSON file>", "key": "pkcs11:…"}. Any problem → ConfigError naming DCC_SIGNERS (never a value).
// describeSigners gives the public view of GET /v1/signers.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isCertificateType, type CertificateType } from "../dcc/types.js";
import { pemCertificateBlocks } from "../crypto/pem.js";
import { ConfigError } from "../errors.js";
import type { KeyVault } from "./types.js";
import type { SignerConfig } from "./vault-config.js";

const FIELD = "DCC_SIGNERS";

export function loadSignersFile(path: string): SignerConfig[] {
  return readSignerEntries(path, FIELD, isCertificateType);
}

/**
 * A signers file (DCC_SIGNERS, ICAO_SIGNERS): a non-empty JSON array of `{"types", "certificate", "key"}`, each type
 * accepted by `isType`, the certificate a PEM file relative to the JSON file. Errors name `variable[index]`.
 */
export function readSignerEntries<T extends string>(path: string, variable: string, isType: (value: unknown) => value is T) {
  const entries = readJsonArray(path, variable);
  return entries.map((entry, index) => {
    const field = `${variable}[${index}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new ConfigError("ERR_CONFIG", { field });
    const { types, certificate, key } = entry as Record<string, unknown>;
    if (Object.keys(entry).some((name) => !["types", "certificate", "key"].includes(name))) {
      throw new ConfigError("ERR_CONFIG", { field });
    }
    if (!Array.isArray(types) || types.length === 0 || !types.every(isType)) {
      throw new ConfigError("ERR_CONFIG", { field });
    }
    if (typeof certificate !== "string" || certificate === "" || typeof key !== "string" || key === "") {
      throw new ConfigError("ERR_CONFIG", { field });
    }
    return { types: types as T[], certificatePem: readPem(resolve(dirname(path), certificate), field), keyUri: key };
  });
}

export interface SignerDescription {
  readonly kid: string;
  readonly types: readonly CertificateType[];
  readonly certificate: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export function describeSigners(vault: KeyVault): SignerDescription[] {
  return vault.signers.map((signer) => ({
    kid: signer.kid.toString("base64"),
    types: [...signer.types],
    certificate: signer.certificate.toString(),
    notBefore: signer.notBefore.toISOString(),
    notAfter: signer.notAfter.toISOString(),
  }));
}

function readJsonArray(path: string, variable: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    // JSON.parse messages quote the input: keep them as the cause for the operator's log, not in the message.
    throw new ConfigError("ERR_CONFIG", { field: variable, cause });
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ConfigError("ERR_CONFIG", { field: variable });
  return parsed;
}

/** A PEM certificate file (at least one CERTIFICATE block); errors name `field`, never the content. */
export function readPem(path: string, field: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field, cause });
  }
  if (pemCertificateBlocks(text).length === 0) throw new ConfigError("ERR_CONFIG", { field });
  return text;
}
