// What the vault checks once, on the main thread, before touching the token: URIs, DSC certificates and their
// profile (hcert §A.4, docs/operations.md "Key rotation"), one token for every key. Errors name the configuration
// entry only. The vault thread receives the KeyPlan only: the URIs and fields, no certificate.
import { X509Certificate } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import * as x509 from "@peculiar/asn1-x509";
import { keyUsageOids } from "../dcc/check-key-usage.js";
import { computeKid } from "../dcc/kid.js";
import { isCertificateType, type CertificateType } from "../dcc/types.js";
import { ConfigError, HsmError } from "../errors.js";
import { readSignerProfile } from "../icao/certificate-profile.js";
import type { SealDocumentType } from "../icao/seal-types.js";
import { p256PointOf } from "./ec-point.js";
import { parsePkcs11Uri } from "./pkcs11-uri.js";
import type { Pkcs11Uri } from "./pkcs11-uri.js";

export interface SignerConfig {
  readonly types: readonly CertificateType[];
  readonly certificatePem: string;
  readonly keyUri: string;
}

/** An extra signing key with its certificate (an upload signer): P-256, no DSC profile. */
export interface UploadSignerConfig {
  readonly certificatePem: string;
  readonly keyUri: string;
  /** The configuration entry that errors name (default `uploadSigner`). */
  readonly field?: string;
}

/** A barcode signer of ICAO VDS-NC seals (ICAO_SIGNERS): the seal document types it signs, its certificate, its key. */
export interface SealSignerConfig {
  readonly types: readonly SealDocumentType[];
  readonly certificatePem: string;
  readonly keyUri: string;
}

export interface KeyRef {
  readonly field: string;
  readonly uri: Pkcs11Uri;
}

/** An X.509 certificate and the token key that must match it. */
export interface PreparedCertifiedKey extends KeyRef {
  readonly certificate: X509Certificate;
  /** The certificate's 65-byte P-256 point. */
  readonly point: Buffer;
}

export interface PreparedSigner extends PreparedCertifiedKey {
  readonly types: readonly CertificateType[];
  readonly kid: Buffer;
}

export interface PreparedSealSigner extends PreparedCertifiedKey {
  readonly types: readonly SealDocumentType[];
}

export interface PreparedConfig {
  readonly signers: readonly PreparedSigner[];
  /** The seal signers' keys follow the DSCs' in the plan's `signers` (the same lookup, the same `sign` operation). */
  readonly sealSigners: readonly PreparedSealSigner[];
  readonly uploadSigner: PreparedCertifiedKey | undefined;
  /** What the vault thread looks up: URIs and fields only. */
  readonly plan: KeyPlan;
}

/** The keys the vault thread finds in the token (plain data: it crosses to the thread). */
export interface KeyPlan {
  readonly tokenLabel: string;
  readonly signers: readonly KeyRef[];
  readonly uploadSigner?: KeyRef;
  readonly uvciKey: KeyRef;
  readonly keyAgreementKeys: readonly (readonly [string, KeyRef])[];
}

export const UPLOAD_SIGNER_FIELD = "uploadSigner";

export function prepareVaultConfig(
  signers: readonly SignerConfig[],
  uvciKeyUri: string,
  keyAgreementKeys: Readonly<Record<string, string>>,
  uploadSigner?: UploadSignerConfig,
  sealSigners: readonly SealSignerConfig[] = [],
): PreparedConfig {
  if (signers.length === 0) throw new ConfigError("ERR_CONFIG", { field: "DCC_SIGNERS" });
  const prepared = signers.map((signer, index) => prepareSigner(signer, `DCC_SIGNERS[${index}]`));
  refuseDuplicateCertificates(prepared);
  const seals = sealSigners.map((signer, index) => prepareSealSigner(signer, `ICAO_SIGNERS[${index}]`));
  const uvciKey = { field: "UVCI_KEY", uri: parsePkcs11Uri(uvciKeyUri.trim(), "UVCI_KEY") };
  const agreement = Object.entries(keyAgreementKeys).map(([alias, uri]): [string, KeyRef] => {
    const field = `TAC_KEYS[${alias}]`;
    return [alias, { field, uri: parsePkcs11Uri(uri, field) }];
  });
  const upload = uploadSigner === undefined ? undefined : prepareUploadSigner(uploadSigner);
  const refOf = ({ field, uri }: KeyRef): KeyRef => ({ field, uri });
  const all = [...prepared, ...seals, uvciKey, ...agreement.map(([, ref]) => ref), ...(upload === undefined ? [] : [upload])];
  const plan: KeyPlan = {
    tokenLabel: requireOneToken(all),
    signers: [...prepared, ...seals].map(refOf),
    ...(upload === undefined ? {} : { uploadSigner: refOf(upload) }),
    uvciKey,
    keyAgreementKeys: agreement,
  };
  return { signers: prepared, sealSigners: seals, uploadSigner: upload, plan };
}

function parseCertificate(pem: string, field: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field, cause });
  }
}

function prepareUploadSigner(signer: UploadSignerConfig): PreparedCertifiedKey {
  const field = signer.field ?? UPLOAD_SIGNER_FIELD;
  const certificate = parseCertificate(signer.certificatePem, field);
  const point = p256PointOf(certificate.publicKey);
  if (point === undefined) throw new ConfigError("ERR_CONFIG", { field });
  return { field, uri: parsePkcs11Uri(signer.keyUri, field), certificate, point };
}

function prepareSigner(signer: SignerConfig, field: string): PreparedSigner {
  const uri = parsePkcs11Uri(signer.keyUri, field);
  const types = [...new Set(signer.types)];
  if (types.length === 0 || !types.every(isCertificateType)) throw new ConfigError("ERR_CONFIG", { field });
  const certificate = parseCertificate(signer.certificatePem, field);
  const point = checkDscProfile(certificate, types, field);
  const kid = computeKid(certificate);
  return { field, uri, types, certificate, point, kid };
}

// ICAO Doc 9303-12 barcode signer profile (docs/international-format.md): a P-256 key (ES256), the critical VDS-NC
// extended key usage, and a document type list naming every seal type the entry signs.
function prepareSealSigner(signer: SealSignerConfig, field: string): PreparedSealSigner {
  const types = [...new Set(signer.types)];
  const certificate = parseCertificate(signer.certificatePem, field);
  const point = p256PointOf(certificate.publicKey);
  if (types.length === 0 || point === undefined) throw new ConfigError("ERR_CONFIG", { field });
  const profile = readSignerProfile(certificate);
  const listed = types.every((type) => profile.documentTypes.includes(type));
  if (!profile.extendedKeyUsage || !listed) throw new HsmError("ERR_HSM_KEY", { field });
  return { field, uri: parsePkcs11Uri(signer.keyUri, field), types, certificate, point };
}

// Several signers may share a type (key rotation, chooseSigner in choose-signer.ts), but one certificate is listed once.
function refuseDuplicateCertificates(signers: readonly PreparedSigner[]): void {
  const seen = new Set<string>();
  for (const signer of signers) {
    const kid = signer.kid.toString("hex");
    if (seen.has(kid)) throw new ConfigError("ERR_CONFIG", { field: signer.field });
    seen.add(kid);
  }
}

// The vault logs in to one token: every URI must name it (RFC 7512 `token=`), so no key is looked up elsewhere.
function requireOneToken(keys: readonly KeyRef[]): string {
  const label = keys[0]?.uri.token;
  for (const key of keys) {
    if (key.uri.token === undefined || key.uri.token !== label) throw new ConfigError("ERR_CONFIG", { field: key.field });
  }
  if (label === undefined) throw new ConfigError("ERR_CONFIG", { field: "DCC_SIGNERS" });
  return label;
}

// The DSC profile checked at open (EU DCC Technical Specifications Vol. 1, DSC template; hcert §A.4 extended key usage):
// P-256 key, keyUsage digitalSignature, and an EKU extension — when present — allowing every type signed.
/** Returns the DSC's 65-byte public point, or throws naming `field` (never a certificate value). */
export function checkDscProfile(certificate: X509Certificate, types: readonly CertificateType[], field: string): Buffer {
  // hcert §3.3.1: ES256 (ECDSA P-256 with SHA-256) is the primary algorithm; this product signs with P-256 only.
  const point = p256PointOf(certificate.publicKey);
  if (point === undefined) throw new ConfigError("ERR_CONFIG", { field });
  const parsed = AsnConvert.parse(certificate.raw, x509.Certificate);
  const extensions = parsed.tbsCertificate.extensions ?? [];
  const usage = findExtension(extensions, x509.id_ce_keyUsage, x509.KeyUsage);
  if (usage === undefined || (usage.toNumber() & x509.KeyUsageFlags.digitalSignature) === 0) {
    throw new HsmError("ERR_HSM_KEY", { field });
  }
  const eku = findExtension(extensions, x509.id_ce_extKeyUsage, x509.ExtendedKeyUsage);
  // No EKU ⇒ valid for all types; present EKUs are enforced by verifiers (common tests CO6–CO15).
  if (eku !== undefined && !types.every((type) => keyUsageOids(type).some((oid) => eku.includes(oid)))) {
    throw new HsmError("ERR_HSM_KEY", { field });
  }
  return point;
}

function findExtension<T>(extensions: readonly x509.Extension[], oid: string, type: new () => T): T | undefined {
  const found = extensions.find((extension) => extension.extnID === oid);
  return found === undefined ? undefined : AsnConvert.parse(found.extnValue, type);
}
