// DCC_SIGNERS (README.md "Configuration"; ICAO_SIGNERS has the same shape): a JSON array of {"types": ["v","t","r"],
// "certificate": "<PEM file, relative to the JSON file>", "key": "pkcs11:…"}. Any problem → ConfigError naming DCC_SIGNERS (never a value).
import { dirname, resolve } from "node:path";
import { readConfigJson, readConfigPem } from "../config/read-file.js";
import { CERTIFICATE_TYPES, type CertificateType } from "../dcc/types.js";
import type { SignerConfig } from "./vault-config.js";

const VARIABLE = "DCC_SIGNERS";

interface SignerEntry<T extends string> {
  readonly types: T[];
  readonly certificate: string;
  readonly key: string;
}

/** The JSON Schema of a signers file whose entries sign the given types. */
export function signersSchema(types: readonly string[]) {
  return {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      required: ["types", "certificate", "key"],
      additionalProperties: false,
      properties: {
        types: { type: "array", minItems: 1, items: { enum: [...types] } },
        certificate: { type: "string", minLength: 1 },
        key: { type: "string", minLength: 1 },
      },
    },
  };
}

const SIGNERS_SCHEMA = signersSchema(CERTIFICATE_TYPES);

export function loadSignersFile(path: string): SignerConfig[] {
  return readSignerEntries<CertificateType>(path, VARIABLE, SIGNERS_SCHEMA);
}

/**
 * A signers file (DCC_SIGNERS; ICAO_SIGNERS, src/icao/seal-signers-file.ts): a non-empty JSON array of `{"types",
 * "certificate", "key"}`, the certificate a PEM file relative to the JSON file. Errors name `variable[index]`.
 */
export function readSignerEntries<T extends string>(path: string, variable: string, schema: ReturnType<typeof signersSchema>) {
  const entries = readConfigJson<SignerEntry<T>[]>(path, variable, schema);
  return entries.map(({ types, certificate, key }, index) =>
    ({ types, certificatePem: readConfigPem(resolve(dirname(path), certificate), `${variable}[${index}]`), keyUri: key }));
}
