// The usage log and metric of a verification (docs/verification.md "Usage log and metrics"): one line per verification with
// the time, the decision, the first failing check (or the first open one when undetermined), the channel (the API
// client's name, or `border-portal`) and the proof type — nothing else: no name, birth date, barcode, UVCI or hash.
import type { Logger } from "../logging.js";
import type { VerifierMetrics } from "../metrics.js";
import type { Verification } from "../verification/types.js";

/** The check that decided: the first failed one, else the first open one; `none` for a valid certificate. */
export function reasonOf(verification: Verification): string {
  const failed = verification.checks.find((check) => check.result === "failed");
  return (failed ?? verification.checks.find((check) => check.result === "open"))?.id ?? "none";
}

export function recordVerification(
  logger: Logger,
  metrics: Pick<VerifierMetrics, "verifications">,
  channel: string,
  verification: Verification,
): void {
  const reason = reasonOf(verification);
  const proofType = verification.type === undefined ? verification.format : `${verification.format}:${verification.type}`;
  metrics.verifications.inc({ decision: verification.decision, reason, format: verification.format, channel });
  logger.info({ event: "verification", decision: verification.decision, reason, channel, proofType }, "verification");
}
