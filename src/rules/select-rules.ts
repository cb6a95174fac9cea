// Which rules of a set apply (as dcc-business-rules-utils and the EU Android engine select
// them): in force at the validation time (`ValidFrom ≤ t < ValidTo`), the highest `Version` of each `Identifier`, and
// a `CertificateType` that is `General` or the certificate's own.
import type { CertificateType } from "../dcc/types.js";
import type { Rule, RuleCertificateType, RuleSet, RuleWithTests } from "./types.js";

const TYPE_OF: Readonly<Record<CertificateType, RuleCertificateType>> = { v: "Vaccination", t: "Test", r: "Recovery" };

/** Semantic versions compared part by part (the gateway's rule `Version` is `major.minor.patch`). */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < 3; i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

const windows = new WeakMap<Rule, { readonly from: number; readonly to: number }>();

/** A rule's window in milliseconds, parsed once per loaded rule (selection runs on every verification). */
function windowOf(rule: Rule): { readonly from: number; readonly to: number } {
  let window = windows.get(rule);
  if (window === undefined) {
    window = { from: Date.parse(rule.ValidFrom), to: Date.parse(rule.ValidTo) };
    windows.set(rule, window);
  }
  return window;
}

export function isInForce(rule: Rule, at: Date): boolean {
  const t = at.getTime();
  const { from, to } = windowOf(rule);
  return from <= t && t < to;
}

/** The rules in force at `at` (any certificate type), the newest version of each identifier, in the set's order. */
export function rulesInForce(set: RuleSet, at: Date): RuleWithTests[] {
  const newest = new Map<string, RuleWithTests>();
  for (const entry of set.rules) {
    if (!isInForce(entry.rule, at)) continue;
    const seen = newest.get(entry.rule.Identifier);
    if (seen === undefined || compareVersions(entry.rule.Version, seen.rule.Version) > 0) newest.set(entry.rule.Identifier, entry);
  }
  return [...newest.values()];
}

export function selectRules(set: RuleSet, at: Date, type: CertificateType): Rule[] {
  return rulesInForce(set, at)
    .map((entry) => entry.rule)
    .filter((rule) => rule.CertificateType === "General" || rule.CertificateType === TYPE_OF[type]);
}
