// The typed result of decoding a 2D-DOC (ANTS 2D-Doc specification: header, message, signature).
import type { KeyObject } from "node:crypto";

/** Header of the C40 form (ANTS 2D-Doc, header). Dates are ISO `YYYY-MM-DD`, `null` for `FFFF`. */
export interface Header {
  readonly version: "02" | "03" | "04";
  readonly caId: string;
  readonly certId: string;
  readonly issueDate: string | null;
  readonly signatureDate: string | null;
  readonly documentType: string;
  /** `01` when the header has no perimeter (v02). */
  readonly perimeter: string;
  /** `FR` when the header has no country (v02, v03): ANTS 2D-Doc, header. */
  readonly country: string;
  /** Length of the header in characters (22, 24 or 26). */
  readonly length: number;
}

/** The Covid documents of perimeter 01 (ANTS 2D-Doc, "Liste des types de documents"): B2 test result, L1 vaccination. */
export type CovidDocumentType = "B2" | "L1";

/** Whether a header announces one of the Covid documents: the only ones parsed, verified as convertible and mapped. */
export function isCovidDocument(
  header: Pick<Header, "documentType" | "perimeter">,
): header is Header & { documentType: CovidDocumentType } {
  return header.perimeter === "01" && (header.documentType === "B2" || header.documentType === "L1");
}

/** One message field: its value, and whether the issuer ended it with RS ("this value was cut"). */
export interface FieldValue {
  readonly value: string;
  readonly truncated: boolean;
}

export interface ParsedDocument {
  readonly header: Header;
  /** Message fields by data identifier (`F0`, `L7` …), in emission order. Empty for types other than B2/L1. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The exact bytes that are signed: header + message, up to but excluding US (ANTS 2D-Doc, signature zone). */
  readonly signedData: Buffer;
  /** The raw signature `r‖s` (64 bytes for P-256). */
  readonly signature: Buffer;
  /** Whether an (unsigned, never trusted) v04 annex followed the signature. */
  readonly hasAnnex: boolean;
}

export type SignatureStatus = "valid" | "invalid" | "unknown-signer" | "signer-not-valid-at-signature-date";

/** A 2D-DOC signing certificate of the trust list, keyed by (issuer CN = CA id, subject CN = cert id). */
export interface TrustedSigner {
  readonly caId: string;
  readonly certId: string;
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The certificate subject's country (`C`), `undefined` when it has none. */
  readonly country: string | undefined;
}

export interface TrustStore {
  find(caId: string, certId: string): TrustedSigner | undefined;
  readonly size: number;
  /** The PEM bundle it was loaded from, when it was (published by the verifier's `GET /v1/verifier/trust`). */
  readonly pem?: string;
}

/** A document whose signature was checked: what the conversion stages receive. */
export interface VerifiedDocument extends ParsedDocument {
  readonly signatureStatus: "valid";
}
