// DCC_SIGNERS (README.md "Configuration"; ICAO_SIGNERS has the same shape): a JSON array of {"types": ["v","t","r"],
// "certificate": "<PEM file, relative to the JSON file>", "key": "pkcs11:…"}. Any problem → ConfigError naming DCC_SIGNERS (never a value).
import { dirname, resolve } from "node:path";
import type { SchemaObject } from "ajv";
import { listOf, readConfigJson, readConfigPem, someOf, text } from "../config/read-file.js";
import { CERTIFICATE_TYPES, type CertificateType } from "../dcc/types.js";
import type { SignerConfig } from "./vault-config.js";

const VARIABLE = "DCC_SIGNERS";

interface SignerEntry<T extends string> {
  readonly types: T[];
  readonly certificate: string;
  readonly key: string;
}

/** The JSON Schema of a signers file whose entries sign the given types. */
export function signersSchema(types: readonly string[]): SchemaObject {
  return listOf({
    required: ["types", "certificate", "key"],
    additionalProperties: false,
    properties: { types: someOf(types), certificate: text(), key: text() },
  });
}

const SIGNERS_SCHEMA = signersSchema(CERTIFICATE_TYPES);

export function loadSignersFile(path: string): SignerConfig[] {
  return readSignerEntries<CertificateType>(path, VARIABLE, SIGNERS_SCHEMA);
}

/**
 * A signers file (DCC_SIGNERS; ICAO_SIGNERS, src/icao/seal-signers-file.ts): a non-empty JSON array of `{"types",
 * "certificate", "key"}`, the certificate a PEM file relative to the JSON file. Errors name `variable[index]`.
 */
export function readSignerEntries<T extends string>(path: string, variable: string, schema: SchemaObject) {
  const entries = readConfigJson<SignerEntry<T>[]>(path, variable, schema);
  return entries.map(({ types, certificate, key }, index) => ({
    types,
    certificatePem: readConfigPem(resolve(dirname(path), certificate), `${variable}[${index}]`),
    keyUri: key,
  }));
}
