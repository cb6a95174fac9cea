// The rule stage (docs/verification.md, "The pipeline"): the rules of the chosen set that apply at the validation time to the
// certificate's type (src/rules/select-rules.ts), each evaluated by the reference engine on `{payload, external}`
// (CertLogic specification, EU business rules) and reported as a check with its identifier, version and description.
// A rule that reads a field the certificate's format does not carry (a seal's, `ReadCertificate.unavailable`) is open.
// No rule in force
// is itself an open check: a set that says nothing at that time never makes a certificate valid.
import { certificateTypeOf, type DccPayload } from "../dcc/types.js";
import { VALUE_SET_NAMES, type ValueSets } from "../dcc/value-sets.js";
import { evaluateRule } from "../rules/evaluate-rule.js";
import { readsAny } from "../rules/rule-fields.js";
import { selectRules } from "../rules/select-rules.js";
import type { Rule, RuleSet } from "../rules/types.js";
import { fixedCheck } from "./wording.js";
import type { Check, ReadCertificate } from "./types.js";

/** The country of arrival of every bundled set: France. */
const ARRIVAL_COUNTRY = "FR";

const valueSetLists = new WeakMap<ValueSets, Readonly<Record<string, readonly string[]>>>();

/** `external.valueSets`: value-set id → every code (built once per loaded value sets). */
function valueSetsOf(sets: ValueSets): Readonly<Record<string, readonly string[]>> {
  let lists = valueSetLists.get(sets);
  if (lists === undefined) {
    lists = Object.freeze(Object.fromEntries(VALUE_SET_NAMES.map((name) => [sets.info(name).valueSetId, sets.codes(name)])));
    valueSetLists.set(sets, lists);
  }
  return lists;
}

const isoOf = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000).toISOString());

function externalOf(read: ReadCertificate, at: Date, sets: ValueSets): Record<string, unknown> {
  const external: Record<string, unknown> = {
    validationClock: at.toISOString(),
    valueSets: valueSetsOf(sets),
    countryCode: ARRIVAL_COUNTRY,
  };
  const { cwt } = read;
  if (cwt?.iat !== undefined) external["iat"] = isoOf(cwt.iat);
  if (cwt?.exp !== undefined) external["exp"] = isoOf(cwt.exp);
  external["issuerCountryCode"] = cwt?.iss ?? ARRIVAL_COUNTRY;
  if (cwt?.kid !== undefined) external["kid"] = cwt.kid;
  return external;
}

function describe(rule: Rule): { fr: string; en: string } {
  const en = rule.Description.find((d) => d.lang === "en")?.desc ?? rule.Identifier;
  return { en, fr: rule.Description.find((d) => d.lang === "fr")?.desc ?? en };
}

export function applyRules(read: ReadCertificate, payload: DccPayload, set: RuleSet, at: Date, sets: ValueSets): Check[] {
  const rules = selectRules(set, at, certificateTypeOf(payload));
  if (rules.length === 0) return [fixedCheck("rules-in-force", "rule", "open")];
  const data = { payload, external: externalOf(read, at, sets) };
  const unavailable = read.unavailable ?? [];
  return rules.map((rule) => ({
    id: rule.Identifier,
    kind: "rule" as const,
    result: unavailable.length > 0 && readsAny(rule, unavailable) ? "open" : evaluateRule(rule, data),
    ruleVersion: rule.Version,
    description: describe(rule),
  }));
}
