// The VDS-NC verifier (ICAO VDS-NC §1 and Doc 9303-12; docs/international-format.md, "Verifying a seal"): seal text +
// trust anchors (CSCAs) + a time → the named checks and the decoded data. Used by `dcc-converter verify` and by
// anything else that reads seals; never throws on bad input. A seal that cannot be read stops at `format` and the
// other checks are skipped; otherwise every check runs and is reported, and the seal is valid only when all pass.
import { verify, type X509Certificate } from "node:crypto";
import { isConverterError, type ErrorCode } from "../errors.js";
import type { StageResult } from "../dcc/verify.js";
import { canonicalJson } from "./canonical-json.js";
import { readSignerProfile } from "./certificate-profile.js";
import { parseSeal, SEAL_ALGORITHMS, type ParsedSeal } from "./parse-seal.js";
import { SEAL_PROFILES } from "./seal-types.js";

export const SEAL_CHECKS = ["format", "signature", "chain", "validity", "extendedKeyUsage", "documentType"] as const;
export type SealCheck = (typeof SEAL_CHECKS)[number];

export interface SealSignerReport {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly extendedKeyUsage: boolean;
  readonly documentTypes: readonly string[];
}

export interface SealReport {
  readonly format: "icao";
  readonly valid: boolean;
  readonly checks: Readonly<Record<SealCheck, StageResult>>;
  /** `hdr.t` and `hdr.is`, once the envelope is read. */
  readonly profile?: string;
  readonly issuer?: string;
  readonly alg?: string;
  readonly signer?: SealSignerReport;
  /** `data` as the seal carries it (what was signed). */
  readonly data?: unknown;
}

export interface SealTrust {
  /** The CSCAs a signer certificate must be issued and signed by (explicit-parameter EC keys included). */
  readonly cscas: readonly X509Certificate[];
  readonly at: Date;
}

const OK: StageResult = { ok: true };
const failed = (code: ErrorCode): StageResult => ({ ok: false, code });

/** ECDSA over the RFC 8785 form of `data`, raw r‖s (IEEE P1363) as the seal carries it. */
export function checkSealSignature(seal: ParsedSeal): boolean {
  const { hash } = SEAL_ALGORITHMS[seal.alg];
  const signed = Buffer.from(canonicalJson(seal.data), "utf8");
  try {
    return verify(hash, signed, { key: seal.certificate.publicKey, dsaEncoding: "ieee-p1363" }, seal.signature);
  } catch {
    return false; // a key that is not EC (or a curve that does not match the algorithm) verifies nothing
  }
}

/** Issued by (names, key identifiers) and signed with the key of one of the CSCAs. */
export function isIssuedByOneOf(certificate: X509Certificate, cscas: readonly X509Certificate[]): boolean {
  return cscas.some((csca) => {
    try {
      return certificate.checkIssued(csca) && certificate.verify(csca.publicKey);
    } catch {
      return false;
    }
  });
}

function isCurrent(certificate: X509Certificate, at: Date): boolean {
  return new Date(certificate.validFrom) <= at && at <= new Date(certificate.validTo);
}

function describeSigner(certificate: X509Certificate): SealSignerReport {
  const profile = readSignerProfile(certificate);
  return {
    subject: certificate.subject.replaceAll("\n", ", "),
    issuer: certificate.issuer.replaceAll("\n", ", "),
    serialNumber: certificate.serialNumber,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    ...profile,
  };
}

export function verifySeal(text: string, trust: SealTrust): SealReport {
  let seal: ParsedSeal;
  try {
    seal = parseSeal(text);
  } catch (error) {
    const code = isConverterError(error) ? error.code : "ERR_SEAL_FORMAT";
    const skipped: StageResult = { ok: false, skipped: true };
    const checks = Object.fromEntries(SEAL_CHECKS.map((check) => [check, check === "format" ? failed(code) : skipped]));
    return { format: "icao", valid: false, checks: checks as Record<SealCheck, StageResult> };
  }
  const signer = describeSigner(seal.certificate);
  const checks: Record<SealCheck, StageResult> = {
    format: OK,
    signature: checkSealSignature(seal) ? OK : failed("ERR_SEAL_SIGNATURE"),
    chain: isIssuedByOneOf(seal.certificate, trust.cscas) ? OK : failed("ERR_SEAL_UNTRUSTED_SIGNER"),
    validity: isCurrent(seal.certificate, trust.at) ? OK : failed("ERR_SEAL_SIGNER_EXPIRED"),
    extendedKeyUsage: signer.extendedKeyUsage ? OK : failed("ERR_SEAL_KEY_USAGE"),
    documentType: signer.documentTypes.includes(SEAL_PROFILES[seal.profile]) ? OK : failed("ERR_SEAL_DOCUMENT_TYPE"),
  };
  const valid = SEAL_CHECKS.every((check) => checks[check].ok);
  return { format: "icao", valid, checks, profile: seal.profile, issuer: seal.issuer, alg: seal.alg, signer, data: seal.data };
}
