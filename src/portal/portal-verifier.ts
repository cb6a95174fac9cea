// The portal's side of the verification core (src/verification/verify-barcode.ts): every scan is a `full`
// verification, recorded in the usage log and metrics under the channel `border-portal` (contract §10). The portal
// never verifies anything itself.
import type { Verification, VerificationRequest } from "../verification/types.js";

export const PORTAL_CHANNEL = "border-portal";

export interface PortalVerifier {
  /** Rejects with a ConverterError with a 400 code when the barcode cannot be decoded. */
  verify(barcode: string, ruleSet: string): Promise<Verification>;
  /** The rule sets an agent may pick. */
  ruleSets(): readonly string[];
}

export function portalVerifier(
  verify: (request: VerificationRequest, channel: string) => Promise<Verification>,
  ruleSets: () => readonly string[],
): PortalVerifier {
  return { verify: (barcode, ruleSet) => verify({ barcode, ruleSet, detail: "full" }, PORTAL_CHANNEL), ruleSets };
}
