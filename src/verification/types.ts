// The verification service's result (docs/verification.md): a decision, the format and type read,
// every check named with its result and a French and English description, the holder, and with `detail` `full`
// every field of the certificate in the DCC schema's names.
import type { X509Certificate } from "node:crypto";
import type { CertificateTypeName, DccPayload } from "../dcc/types.js";
import type { CscaList } from "../icao/csca-list.js";
import type { ValueSets } from "../dcc/value-sets.js";
import type { MappingTables } from "../mapping/tables.js";
import type { RevocationCheck } from "../revocation/revocation-list.js";
import type { RuleSet } from "../rules/types.js";
import type { TrustStore } from "../twoddoc/types.js";

export type Decision = "valid" | "invalid" | "undetermined";
export type BarcodeFormat = "2d-doc" | "dcc" | "icao";
export type CheckKind = "signature" | "issuer" | "validity" | "revocation" | "rule";
export type CheckResult = "passed" | "failed" | "open";
export type Detail = "lite" | "full";

export interface Wording {
  readonly fr: string;
  readonly en: string;
}

export interface Check {
  readonly id: string;
  readonly kind: CheckKind;
  readonly result: CheckResult;
  readonly ruleVersion?: string;
  readonly description: Wording;
}

export interface Holder {
  readonly name: string;
  readonly birthDate: string;
}

export interface Verification {
  readonly decision: Decision;
  readonly format: BarcodeFormat;
  readonly type?: CertificateTypeName;
  readonly checks: readonly Check[];
  readonly holder?: Holder;
  readonly certificate?: DccPayload;
  readonly ruleSet: { readonly id: string; readonly version: number };
  readonly validationTime: string;
}

export interface VerificationRequest {
  readonly barcode: string;
  /** Default `activity` (docs/verification.md). */
  readonly ruleSet?: string;
  /** Default `lite`: no `certificate`. */
  readonly detail?: Detail;
  /** The validation time; default the clock's now. The HTTP layer accepts it outside production only. */
  readonly validationTime?: Date;
}

/** A DSC of the DCC trust list (EU gateway trust list, dgc-gateway `GET /trustList/DSC`), found by its kid. */
export interface DccTrustList {
  /** The DSCs whose kid (base64 of the first 8 bytes of SHA-256 over the DER) is `kid`; empty when none. */
  find(kid: Uint8Array): readonly X509Certificate[];
  /** Every DSC of the list (published by `GET /v1/verifier/trust`). */
  readonly certificates: readonly X509Certificate[];
}

/** Everything a verification reads, in force at the moment of the call (trust lists and rules reload). */
export interface VerificationDeps {
  readonly twoddocTrust: TrustStore;
  readonly dccTrust: DccTrustList;
  /** ICAO_CSCA: the CSCAs a seal's signer must chain to. */
  readonly icaoTrust: CscaList;
  readonly revocations: RevocationCheck;
  readonly ruleSets: ReadonlyMap<string, RuleSet>;
  readonly tables: MappingTables;
  readonly valueSets: ValueSets;
  readonly clock: () => Date;
}

/** What a format's reader hands to the rules: a trusted payload and the CWT facts the rules may read. */
export interface ReadCertificate {
  readonly format: BarcodeFormat;
  readonly checks: Check[];
  /** Present only when the signature and the issuer checks passed: nothing untrusted reaches the rules. */
  readonly payload?: DccPayload;
  /** CertLogic `var` paths the format does not carry (a seal's): a rule reading one is open. */
  readonly unavailable?: readonly string[];
  readonly cwt?: { readonly iat?: number; readonly exp?: number; readonly iss?: string; readonly kid?: string };
}
