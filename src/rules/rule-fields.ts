// The data a rule reads (CertLogic specification, `var`; EU business rules, `AffectedFields`): every `var` path of its
// logic and every affected field (as a `payload.` path), collected once per rule object.
import type { Rule } from "./types.js";

const collected = new WeakMap<Rule, readonly string[]>();

function varsOf(logic: unknown, into: Set<string>): void {
  if (Array.isArray(logic)) {
    for (const item of logic) varsOf(item, into);
    return;
  }
  if (typeof logic !== "object" || logic === null) return;
  for (const [operator, operand] of Object.entries(logic)) {
    const path = operator === "var" ? (Array.isArray(operand) ? operand[0] : operand) : undefined;
    if (typeof path === "string") into.add(path);
    varsOf(operand, into);
  }
}

export function fieldsRead(rule: Rule): readonly string[] {
  let fields = collected.get(rule);
  if (fields === undefined) {
    const into = new Set<string>(rule.AffectedFields.map((field) => `payload.${field}`));
    varsOf(rule.Logic, into);
    fields = Object.freeze([...into]);
    collected.set(rule, fields);
  }
  return fields;
}

/** True when the rule reads one of `paths` or something inside it. */
export function readsAny(rule: Rule, paths: readonly string[]): boolean {
  return fieldsRead(rule).some((field) => paths.some((path) => field === path || field.startsWith(`${path}.`)));
}
