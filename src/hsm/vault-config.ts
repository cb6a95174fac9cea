// What the vault checks once, before touching the token: URIs, DSC certificates and their profile
// (dcc.md §7), one signer per type, one token for every key. Errors name the configuration entry only.
import { X509Certificate } from "node:crypto";
import { computeKid } from "../dcc/kid.js";
import type { CertificateType } from "../dcc/types.js";
import { ConfigError } from "../errors.js";
import { checkDscProfile } from "./dsc-profile.js";
import { parsePkcs11Uri } from "./pkcs11-uri.js";
import type { Pkcs11Uri } from "./pkcs11-uri.js";

export interface SignerConfig {
  readonly types: readonly CertificateType[];
  readonly certificatePem: string;
  readonly keyUri: string;
}

export interface PreparedSigner {
  readonly field: string;
  readonly uri: Pkcs11Uri;
  readonly types: readonly CertificateType[];
  readonly certificate: X509Certificate;
  readonly point: Buffer;
  readonly kid: Buffer;
}

export interface PreparedKey {
  readonly field: string;
  readonly uri: Pkcs11Uri;
}

export interface PreparedConfig {
  readonly tokenLabel: string;
  readonly signers: readonly PreparedSigner[];
  readonly uvciKey: PreparedKey;
  readonly keyAgreementKeys: ReadonlyMap<string, PreparedKey>;
}

export function prepareVaultConfig(
  signers: readonly SignerConfig[],
  uvciKeyUri: string,
  keyAgreementKeys: Readonly<Record<string, string>>,
): PreparedConfig {
  if (signers.length === 0) throw new ConfigError("ERR_CONFIG", { field: "DCC_SIGNERS" });
  const prepared = signers.map((signer, index) => prepareSigner(signer, `DCC_SIGNERS[${index}]`));
  refuseDuplicateCertificates(prepared);
  const uvciKey = { field: "UVCI_KEY", uri: parsePkcs11Uri(uvciKeyUri.trim(), "UVCI_KEY") };
  const agreement = new Map<string, PreparedKey>();
  for (const [alias, uri] of Object.entries(keyAgreementKeys)) {
    const field = `TAC_KEYS[${alias}]`;
    agreement.set(alias, { field, uri: parsePkcs11Uri(uri, field) });
  }
  const tokenLabel = requireOneToken([...prepared, uvciKey, ...agreement.values()]);
  return { tokenLabel, signers: prepared, uvciKey, keyAgreementKeys: agreement };
}

function prepareSigner(signer: SignerConfig, field: string): PreparedSigner {
  const uri = parsePkcs11Uri(signer.keyUri, field);
  const types = [...new Set(signer.types)];
  if (types.length === 0 || types.some((type) => type !== "v" && type !== "t" && type !== "r")) {
    throw new ConfigError("ERR_CONFIG", { field });
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(signer.certificatePem);
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field, cause });
  }
  const point = checkDscProfile(certificate, types, field);
  const kid = computeKid(certificate);
  return { field, uri, types, certificate, point, kid };
}

// Several signers may share a type (key rotation, choose-signer.ts), but one certificate is listed once.
function refuseDuplicateCertificates(signers: readonly PreparedSigner[]): void {
  const seen = new Set<string>();
  for (const signer of signers) {
    const kid = signer.kid.toString("hex");
    if (seen.has(kid)) throw new ConfigError("ERR_CONFIG", { field: signer.field });
    seen.add(kid);
  }
}

// The vault logs in to one token: every URI must name it (RFC 7512 `token=`), so no key is looked up elsewhere.
function requireOneToken(keys: readonly PreparedKey[]): string {
  const label = keys[0]?.uri.token;
  for (const key of keys) {
    if (key.uri.token === undefined || key.uri.token !== label) throw new ConfigError("ERR_CONFIG", { field: key.field });
  }
  if (label === undefined) throw new ConfigError("ERR_CONFIG", { field: "DCC_SIGNERS" });
  return label;
}
