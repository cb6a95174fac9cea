// One rule through the reference CertLogic engine (certlogic-js; CertLogic specification 1.3.x). Never a home-made
// evaluator. The three outcomes of the EU Android engine (dgc-certlogic-android): PASSED when the expression gives
// `true`, FAIL when `false`, OPEN when the engine or schema major version is not one we run, or when evaluation
// throws or gives anything else — an open rule is never a pass.
import { evaluate, specificationVersion } from "certlogic-js";
import type { Rule, RuleData, RuleResult } from "./types.js";

const ENGINE = "CERTLOGIC";
/** The DCC schema major version our payloads follow (1.3.x). */
const SCHEMA_MAJOR = 1;
const ENGINE_MAJOR = majorOf(specificationVersion);

function majorOf(version: string): number {
  return Number(version.split(".")[0]);
}

/** A rule written for a newer CertLogic major, another engine, or another DCC schema major cannot be judged here. */
export function isEvaluable(rule: Rule): boolean {
  return rule.Engine === ENGINE && majorOf(rule.EngineVersion) <= ENGINE_MAJOR && majorOf(rule.SchemaVersion) === SCHEMA_MAJOR;
}

/** A CertLogic expression on data, through the reference engine. Throws what the engine throws. */
export function evaluateExpression(expression: unknown, data: unknown): unknown {
  return evaluate(expression as Parameters<typeof evaluate>[0], data);
}

/** The raw result of the rule's logic: what the EU test data's `expected` is compared with. Throws what the engine throws. */
export function evaluateLogic(rule: Rule, data: RuleData): unknown {
  return evaluateExpression(rule.Logic, data);
}

export function evaluateRule(rule: Rule, data: RuleData): RuleResult {
  if (!isEvaluable(rule)) return "open";
  let result: unknown;
  try {
    result = evaluateLogic(rule, data);
  } catch {
    return "open"; // CertLogic specification: an evaluation error is never a pass
  }
  if (result === true) return rule.Type === "Acceptance" ? "passed" : "failed";
  if (result === false) return rule.Type === "Acceptance" ? "failed" : "passed";
  return "open";
}
