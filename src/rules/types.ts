// Business rules in the EU format (docs/verification.md): a rule is the JSON the EU gateway distributes
// (dgc-gateway `validation-rule.schema.json`), with a CertLogic expression as its `Logic`; a rule set is a versioned
// file of rules, each with its own test cases in the EU business-rules test-data shape.

export type RuleCertificateType = "General" | "Test" | "Vaccination" | "Recovery";

export interface RuleDescription {
  readonly lang: string;
  readonly desc: string;
}

/** One rule as the EU gateway distributes it (every field required but Region; no other field). */
export interface Rule {
  readonly Identifier: string;
  readonly Type: "Acceptance" | "Invalidation";
  readonly Country: string;
  readonly Region?: string;
  readonly Version: string;
  readonly SchemaVersion: string;
  readonly Engine: string;
  readonly EngineVersion: string;
  readonly CertificateType: RuleCertificateType;
  readonly Description: readonly RuleDescription[];
  readonly ValidFrom: string;
  readonly ValidTo: string;
  readonly AffectedFields: readonly string[];
  readonly Logic: unknown;
}

/** One test case (EU business-rules test data, `tests/testNNN.json`): the rule's result on this data. */
export interface RuleTest {
  readonly name?: string;
  readonly payload: unknown;
  readonly external: Readonly<Record<string, unknown>>;
  readonly expected: boolean;
}

export interface RuleWithTests {
  readonly rule: Rule;
  readonly tests: readonly RuleTest[];
}

/** A loaded, checked rule set (`rules/<id>/<version>.json`). */
export interface RuleSet {
  readonly id: string;
  readonly version: number;
  readonly rules: readonly RuleWithTests[];
}

/** The outcome of one rule: `open` when it cannot be evaluated (throws, engine or schema version not ours). */
export type RuleResult = "passed" | "failed" | "open";

/** What a rule is evaluated against (CertLogic, `{payload, external}`). */
export interface RuleData {
  readonly payload: unknown;
  readonly external: Readonly<Record<string, unknown>>;
}
