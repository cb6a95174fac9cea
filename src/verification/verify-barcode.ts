// The verification core (docs/verification.md): one barcode, the trust lists and rules in force, a validation time → a
// decision and its named checks. A plain function, with everything that has custody or time passed in: the
// service, the `check` command and the border portal call it alike.
//   detect the format → read it (decoding layers, signature, issuer, validity, revocation; the 2D-DOC's own
//   checks) → the rules of the set → decide.
// A barcode that cannot be decoded throws (400); a forged, unknown-signer, revoked or expired one is a result whose
// decision is `invalid`. Decision (as the EU validation service dgca-validation-service, NOK / CHK / OK): any
// failed check → invalid; otherwise any open check → undetermined; otherwise valid.
import { CERTIFICATE_TYPE_NAMES, findCertificateType, type DccPayload } from "../dcc/types.js";
import { RequestError } from "../errors.js";
import { applyRules } from "./apply-rules.js";
import { detectFormat } from "./detect-format.js";
import { holderOf } from "./holder.js";
import { read2DDoc } from "./read-2ddoc.js";
import { readDcc } from "./read-dcc.js";
import { readSeal } from "./read-seal.js";
import type { Check, Decision, ReadCertificate, Verification, VerificationDeps, VerificationRequest } from "./types.js";

export const DEFAULT_RULE_SET = "activity";

export function decide(checks: readonly Check[]): Decision {
  if (checks.some((check) => check.result === "failed")) return "invalid";
  if (checks.length === 0 || checks.some((check) => check.result === "open")) return "undetermined";
  return "valid";
}

function readBarcode(barcode: string, deps: VerificationDeps, at: Date): ReadCertificate {
  const format = detectFormat(barcode);
  if (format === "dcc") return readDcc(barcode, deps, at);
  if (format === "icao") return readSeal(barcode, deps, at);
  return read2DDoc(barcode, deps);
}

export function verifyBarcode(request: VerificationRequest, deps: VerificationDeps): Verification {
  const setId = request.ruleSet ?? DEFAULT_RULE_SET;
  const set = deps.ruleSets.get(setId);
  if (set === undefined) throw new RequestError("ERR_RULE_SET_UNKNOWN", { field: "ruleSet" });
  const at = request.validationTime ?? deps.clock();
  const read = readBarcode(request.barcode, deps, at);
  const payload: DccPayload | undefined = read.payload;
  const checks = payload === undefined ? read.checks : [...read.checks, ...applyRules(read, payload, set, at, deps.valueSets)];
  const type = payload === undefined ? undefined : findCertificateType(payload);
  return {
    decision: decide(checks),
    format: read.format,
    ...(type === undefined ? {} : { type: CERTIFICATE_TYPE_NAMES[type] }),
    checks,
    ...(payload === undefined ? {} : { holder: holderOf(payload) }),
    ...(payload !== undefined && request.detail === "full" ? { certificate: payload } : {}),
    ruleSet: { id: set.id, version: set.version },
    validationTime: at.toISOString(),
  };
}
