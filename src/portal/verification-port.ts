// What the portal needs of the verification service (contract §10, `POST /v1/verifications`): one call that
// verifies a barcode with a rule set and returns the detailed (`full`) result, logging its usage line under the
// caller's channel. The verifier's core implements it; the portal never verifies anything itself.
import type { Label } from "../print/labels.js";

export type Decision = "valid" | "invalid" | "undetermined";

export interface VerificationCheck {
  readonly id: string;
  readonly kind: "signature" | "issuer" | "validity" | "revocation" | "rule" | string;
  readonly result: "passed" | "failed" | "open";
  readonly description: Label;
}

export interface VerificationResult {
  readonly decision: Decision;
  readonly format: "2d-doc" | "dcc" | "icao" | string;
  readonly type?: "vaccination" | "test" | "recovery" | string;
  readonly checks: readonly VerificationCheck[];
  readonly holder?: { readonly name?: string; readonly birthDate?: string };
  /** With `detail` `full`: every field, in the DCC schema's names. */
  readonly certificate?: unknown;
  readonly ruleSet: { readonly id: string; readonly version?: string };
  readonly validationTime: string;
}

export interface PortalVerifier {
  /** Throws a ConverterError with a 400 code when the barcode cannot be decoded. */
  verify(barcode: string, ruleSet: string): Promise<VerificationResult>;
  /** The rule sets an agent may pick. */
  ruleSets(): readonly string[];
}
