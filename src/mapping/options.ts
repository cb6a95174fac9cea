// What the mapping is given besides the document and the tables (README.md "Configuration"), and what it returns.
import type { CertificateType, DccPayload } from "../dcc/types.js";

export interface MappingOptions {
  /** `is` of each certificate type (config: DCC_ISSUER_VACCINATION / _TEST / _RECOVERY). */
  readonly issuer: { readonly v: string; readonly t: string; readonly r: string };
  /** A positive PCR becomes a recovery entry, or is refused (POSITIVE_TEST: recovery by default). */
  readonly positiveTest: "recovery" | "refuse";
  /**
   * An antigen test is refused (the conversion: the 2D-DOC has no RAT device id, which a DCC antigen test needs), or
   * mapped to a test entry without `ma` for the verification to judge by its rules (docs/verification.md).
   */
  readonly antigenTest: "refuse" | "test-entry";
}

export interface MappedCertificate {
  readonly type: CertificateType;
  /** Every `ci` is "": the orchestrator sets the UVCI afterwards (withUvci) and checks the payload. */
  readonly payload: DccPayload;
}
