// DCC_SIGNERS (README.md "Configuration"): a JSON array of {"types": ["v","t","r"], "certificate": "<PEM file, relative to
// the JSON file>", "key": "pkcs11:…"}. Any problem → ConfigError naming DCC_SIGNERS (never a value).
import { dirname, resolve } from "node:path";
import { listOf, readConfigJson, readConfigPem, someOf, text } from "../config/read-file.js";
import { CERTIFICATE_TYPES, type CertificateType } from "../dcc/types.js";
import type { SignerConfig } from "./vault-config.js";

const VARIABLE = "DCC_SIGNERS";

interface SignerEntry {
  readonly types: CertificateType[];
  readonly certificate: string;
  readonly key: string;
}

const SIGNERS_SCHEMA = listOf({
  required: ["types", "certificate", "key"],
  additionalProperties: false,
  properties: { types: someOf(CERTIFICATE_TYPES), certificate: text(), key: text() },
});

export function loadSignersFile(path: string): SignerConfig[] {
  const entries = readConfigJson<SignerEntry[]>(path, VARIABLE, SIGNERS_SCHEMA);
  return entries.map(({ types, certificate, key }, index) =>
    ({ types, certificatePem: readConfigPem(resolve(dirname(path), certificate), `${VARIABLE}[${index}]`), keyUri: key }));
}
