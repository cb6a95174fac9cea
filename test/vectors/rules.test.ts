// The rule vectors (../shared/vectors/rules, read in place): the CertLogic specification's test suite through the
// engine as the product wires it (src/rules/evaluate-rule.ts), its validation suite through the validation the rule
// loader runs, and every test of the EU business-rules test data whose rule the product's loader accepts (our rule
// shape, CertLogic validation, an engine and schema version we run) gives its expected result. Our rule shape
// (src/rules/rule-schema.ts) and the gateway's schema agree on every rule of the test data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { validate as validateLogic } from "certlogic-js/dist/validation/index.js";
import { evaluateExpression, isEvaluable } from "../../src/rules/evaluate-rule.js";
import { passesTest } from "../../src/rules/load-rule-sets.js";
import { findRuleSchemaError } from "../../src/rules/rule-schema.js";
import type { Rule, RuleTest } from "../../src/rules/types.js";
import { vectorsDir } from "../support/vectors.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const root = vectorsDir("rules");
const rulesDir = root === undefined ? undefined : join(root, "rules");
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

interface Assertion {
  certLogicExpression?: unknown;
  data: unknown;
  expected: unknown;
  directive?: string;
}
interface SuiteCase {
  name: string;
  certLogicExpression?: unknown;
  directive?: string;
  assertions: Assertion[];
}
interface Suite {
  name: string;
  directive?: string;
  cases: SuiteCase[];
}

test("the CertLogic specification's test suite passes through the product's engine", { skip: root === undefined }, () => {
  const dir = join(rulesDir!, "certlogic-spec/testSuite");
  let run = 0;
  for (const file of readdirSync(dir).sort()) {
    const suite = readJson(join(dir, file)) as Suite;
    if (suite.directive === "skip") continue;
    for (const entry of suite.cases) {
      if (entry.directive === "skip") continue;
      for (const assertion of entry.assertions) {
        if (assertion.directive === "skip") continue;
        const expression = assertion.certLogicExpression ?? entry.certLogicExpression;
        assert.deepEqual(evaluateExpression(expression, assertion.data), assertion.expected, `${file} ${entry.name}`);
        run += 1;
      }
    }
  }
  assert.equal(run, 218, "the 218 active assertions (PROVENANCE.md)");
});

test("the CertLogic validation suite: the loader's validation gives exactly the expected issues", { skip: root === undefined }, () => {
  const dir = join(rulesDir!, "certlogic-spec/validation-testSuite");
  let run = 0;
  for (const file of readdirSync(dir).sort()) {
    const suite = readJson(join(dir, file)) as { cases: { name?: string; certLogicExpression: unknown; issues: { message: string }[] }[] };
    for (const entry of suite.cases) {
      const issues = validateLogic(entry.certLogicExpression).map((issue) => issue.message);
      assert.deepEqual(
        issues,
        entry.issues.map((issue) => issue.message),
        `${file} ${entry.name ?? ""}`,
      );
      run += 1;
    }
  }
  assert.equal(run, 23);
});

function gatewaySchema() {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  return ajv.compile(readJson(join(rulesDir!, "gateway/validation-rule.schema.json")) as object);
}

function ruleFolders(dir: string): string[] {
  return readdirSync(dir).flatMap((country) => {
    const path = join(dir, country);
    if (!statSync(path).isDirectory()) return [];
    return readdirSync(path)
      .map((rule) => join(path, rule))
      .filter((rule) => statSync(rule).isDirectory());
  });
}

test("every EU business-rules test whose rule the loader accepts gives its expected result", { skip: root === undefined }, () => {
  const dir = join(rulesDir!, "dgc-business-rules-testdata");
  const gateway = gatewaySchema();
  let accepted = 0;
  let tests = 0;
  for (const folder of ruleFolders(dir)) {
    let rule: unknown;
    try {
      rule = readJson(join(folder, "rule.json"));
    } catch {
      continue; // MT/: rules named <RuleId>.json, one of them malformed (PROVENANCE.md): no rule.json to load
    }
    const ours = findRuleSchemaError(rule) === undefined;
    assert.equal(ours, gateway(rule), `${folder}: our rule shape and the gateway's schema disagree`);
    if (!ours || validateLogic((rule as Rule).Logic).length > 0 || !isEvaluable(rule as Rule)) continue;
    accepted += 1;
    const testsDir = join(folder, "tests");
    for (const name of readdirSync(testsDir).sort()) {
      const entry = readJson(join(testsDir, name)) as RuleTest;
      assert.ok(passesTest(rule as Rule, entry), `${folder}/tests/${name}: expected ${String(entry.expected)}`);
      tests += 1;
    }
  }
  assert.ok(accepted >= 180, `${accepted} rules accepted`);
  assert.ok(tests >= 1300, `${tests} tests run`);
  console.log(`# ${accepted} rules accepted, ${tests} tests give their expected result`);
});

test("our rule shape and the gateway's schema refuse the same broken rules", { skip: root === undefined }, () => {
  const gateway = gatewaySchema();
  const rule = readJson(join(rulesDir!, "dgc-business-rules-testdata/FR/TR-FR-0002/rule.json")) as Record<string, unknown>;
  const mutants: Record<string, unknown>[] = [
    { ...rule, Extra: 1 },
    { ...rule, Identifier: "TR-FR-02" },
    { ...rule, Type: "Other" },
    { ...rule, CertificateType: "Passport" },
    { ...rule, Description: [{ lang: "fr", desc: "Seulement en français, sans anglais." }] },
    Object.fromEntries(Object.entries(rule).filter(([key]) => key !== "Logic")),
    Object.fromEntries(Object.entries(rule).filter(([key]) => key !== "ValidTo")),
  ];
  assert.equal(gateway(rule), true);
  for (const mutant of mutants) {
    assert.equal(findRuleSchemaError(mutant) === undefined, gateway(mutant), JSON.stringify(Object.keys(mutant)));
    assert.equal(gateway(mutant), false);
  }
});
