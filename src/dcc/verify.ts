// The verifier (hcert §3, and the stages of the EU dgc-testdata harness): one stage per layer of the HC1
// chain, each reported as ok or failed with its stable code. Never throws on bad input. A failing decoding
// stage stops the chain (later stages need its output) and the stages after it are reported as skipped.
// Once the claims are read, the time check and the payload checks (schema, then key usage, which needs a
// schema-valid payload) are independent: each is run and reported. The verdict is the failures': a skipped
// stage never decides it, and a report is valid only when every stage ran and passed.
import type { X509Certificate } from "node:crypto";
import { isConverterError, type ErrorCode } from "../errors.js";
import { decodeBase45 } from "./base45.js";
import { checkExpiration } from "./check-expiration.js";
import { checkKeyUsage } from "./check-key-usage.js";
import { parseCoseSign1, readClaims, type CoseSign1 } from "./decode.js";
import { removePrefix } from "./hc1.js";
import { checkDccSchema, typeOfPayload } from "./verify-schema.js";
import type { ValueSets } from "./value-sets.js";
import { verifyCoseSignature } from "./verify-signature.js";
import { decompress } from "./zlib.js";

export const STAGES = ["prefix", "base45", "zlib", "cose", "signature", "claims", "expiration", "schema", "keyUsage"] as const;
export type StageName = (typeof STAGES)[number];

export interface StageResult {
  readonly ok: boolean;
  readonly code?: ErrorCode;
  /** The stage did not run because an earlier one failed. */
  readonly skipped?: true;
}

export interface VerificationReport {
  readonly valid: boolean;
  readonly stages: Readonly<Record<StageName, StageResult>>;
  /** base64 of the kid found in the headers (protected preferred), when it is a byte string. */
  readonly kid?: string;
  readonly alg?: number;
  readonly claims?: { readonly iss?: string; readonly iat?: number; readonly exp?: number };
  readonly payload?: unknown;
}

export interface VerifyOptions {
  readonly certificates: readonly X509Certificate[];
  readonly at: Date;
  /** When given, the schema stage also requires every coded field to be in its value set (active or not). */
  readonly valueSets?: ValueSets;
}

class StageFailure extends Error {
  constructor(
    readonly stage: StageName,
    readonly code: ErrorCode,
  ) {
    super(stage);
  }
}

type Results = Partial<Record<StageName, StageResult>>;

function run<T>(stage: StageName, results: Results, step: () => T): T {
  try {
    const value = step();
    results[stage] = { ok: true };
    return value;
  } catch (error) {
    // Fail closed: anything unexpected in a stage (a library bug, say) is that stage's failure, never a pass.
    throw new StageFailure(stage, isConverterError(error) ? error.code : "ERR_INTERNAL");
  }
}

/** Runs a stage whose failure stops nothing else: the failure is recorded, and the chain goes on. */
function settle(stage: StageName, results: Results, step: () => void): void {
  try {
    run(stage, results, step);
  } catch (error) {
    if (!(error instanceof StageFailure)) throw error;
    results[error.stage] = { ok: false, code: error.code };
  }
}

export function verifyHc1(text: string, options: VerifyOptions): VerificationReport {
  const results: Results = {};
  const found: { kid?: string; alg?: number; claims?: NonNullable<VerificationReport["claims"]>; payload?: unknown } = {};
  try {
    const base45 = run("prefix", results, () => removePrefix(text));
    const compressed = run("base45", results, () => decodeBase45(base45));
    const coseBytes = run("zlib", results, () => decompress(compressed));
    const cose: CoseSign1 = run("cose", results, () => parseCoseSign1(coseBytes));
    if (cose.kid instanceof Uint8Array) found.kid = Buffer.from(cose.kid).toString("base64");
    if (typeof cose.alg === "number") found.alg = cose.alg;
    const certificate = run("signature", results, () => verifyCoseSignature(cose, options.certificates));
    const claims = run("claims", results, () => readClaims(cose.payload));
    const { payload, ...times } = claims;
    found.claims = times;
    found.payload = payload;
    settle("expiration", results, () => checkExpiration(claims, certificate, options.at));
    run("schema", results, () => checkDccSchema(payload, options.valueSets));
    run("keyUsage", results, () => checkKeyUsage(certificate, typeOfPayload(payload)));
  } catch (error) {
    if (!(error instanceof StageFailure)) throw error;
    results[error.stage] = { ok: false, code: error.code };
  }
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, results[stage] ?? { ok: false, skipped: true }])) as Record<
    StageName,
    StageResult
  >;
  const valid = STAGES.every((stage) => results[stage]?.ok === true);
  return { valid, stages, ...found };
}
