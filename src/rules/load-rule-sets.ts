// Reading the rule sets, `<RULES_DIR>/<id>/<version>.json` (docs/verification.md, "Rule sets"), like the mapping
// tables: the highest version of each set is used, and a set is checked before it is used — every rule against the
// gateway's rule shape (rule-schema.ts) and CertLogic's own validation (certlogic-js `validate`), and every rule's
// test cases run through the engine. A set that fails any of it stops the start (ConfigError naming the file, the
// rule and the test), and on reload keeps the sets in force. A rule whose engine or schema version is not ours is
// kept (it is `open` when it applies, evaluate-rule.ts); its tests are not run, since it is never evaluated.
import { isDeepStrictEqual } from "node:util";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validate as validateLogic } from "certlogic-js/dist/validation/index.js";
import { ConfigError } from "../errors.js";
import { evaluateLogic, isEvaluable } from "./evaluate-rule.js";
import { findRuleSchemaError } from "./rule-schema.js";
import type { Rule, RuleSet, RuleTest, RuleWithTests } from "./types.js";
import { isJsonObject } from "../json-object.js";
import { newestVersion } from "../config/newest-version.js";

const SET_ID = /^[a-z][\w-]{0,31}$/i;

function setError(field: string, reason: string): ConfigError {
  return new ConfigError("ERR_CONFIG", { field, cause: new TypeError(reason) });
}

function checkRule(value: unknown, label: string): Rule {
  const pointer = findRuleSchemaError(value);
  if (pointer !== undefined) throw setError(`${label} rule${pointer}`, "not a gateway rule");
  const rule = value as Rule;
  if (validateLogic(rule.Logic).length > 0) throw setError(`${label} ${rule.Identifier}`, "not a valid CertLogic expression");
  return rule;
}

function checkTest(value: unknown, field: string): RuleTest {
  if (!isJsonObject(value) || !isJsonObject(value["external"]) || typeof value["expected"] !== "boolean")
    throw setError(field, "not a rule test");
  return value as unknown as RuleTest;
}

/** Runs one test case as the EU test-data runner does: the logic's result must equal `expected`; a throw fails it. */
export function passesTest(rule: Rule, test: RuleTest): boolean {
  try {
    return isDeepStrictEqual(evaluateLogic(rule, { payload: test.payload, external: test.external }), test.expected);
  } catch {
    return false;
  }
}

function checkEntry(value: unknown, label: string): RuleWithTests {
  if (!isJsonObject(value) || !Array.isArray(value["tests"])) throw setError(label, "an entry is {rule, tests}");
  const rule = checkRule(value["rule"], label);
  const field = `${label} ${rule.Identifier} ${rule.Version}`;
  const tests = (value["tests"] as unknown[]).map((test, index) => checkTest(test, `${field} test ${index + 1}`));
  if (tests.length === 0) throw setError(field, "a rule without tests");
  if (isEvaluable(rule)) {
    tests.forEach((test, index) => {
      if (!passesTest(rule, test)) throw setError(`${field} test ${test.name ?? index + 1}`, "a rule test fails");
    });
  }
  return Object.freeze({ rule, tests: Object.freeze(tests) });
}

/** One set file's content, checked. */
export function parseRuleSet(text: string, id: string, version: number, label: string): RuleSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: label, cause });
  }
  if (!isJsonObject(parsed) || parsed["ruleSet"] !== id || parsed["version"] !== version || !Array.isArray(parsed["rules"])) {
    throw setError(label, "not {ruleSet, version, rules} naming its own folder and file");
  }
  const rules = (parsed["rules"] as unknown[]).map((entry) => checkEntry(entry, label));
  if (rules.length === 0) throw setError(label, "a set without rules");
  const seen = new Set(rules.map((entry) => `${entry.rule.Identifier} ${entry.rule.Version}`));
  if (seen.size !== rules.length) throw setError(label, "the same rule version twice");
  return Object.freeze({ id, version, rules: Object.freeze(rules) });
}

/** What a rules folder holds: the names of its set folders, and for each the names in it (undefined: not a folder). */
export type RulesListing = ReadonlyMap<string, readonly string[] | undefined>;

/** The set folders' names worth listing: a set id. */
export const isSetId = (name: string): boolean => SET_ID.test(name);

/** The set files of a rules folder's listing: for each set, its newest `<version>.json`. */
export function pickRuleSetFiles(dir: string, listing: RulesListing): { id: string; version: number; path: string }[] {
  const files: { id: string; version: number; path: string }[] = [];
  for (const id of [...listing.keys()].filter(isSetId).sort()) {
    const names = listing.get(id);
    if (names === undefined) continue; // a file beside the sets (README, provenance) is not a set
    const version = newestVersion(names);
    if (version === undefined) throw setError(`rules/${id}`, "no <version>.json file");
    files.push({ id, version, path: join(dir, id, `${version}.json`) });
  }
  if (files.length === 0) throw setError("RULES_DIR", "no rule set");
  return files;
}

/** Every set of a folder read: each set's newest file parsed and checked; any broken set throws. */
export function parseRuleSets(
  dir: string,
  listing: RulesListing,
  textOf: (path: string, label: string) => string,
): ReadonlyMap<string, RuleSet> {
  const sets = new Map<string, RuleSet>();
  for (const { id, version, path } of pickRuleSetFiles(dir, listing)) {
    const label = `rules/${id}/${version}.json`;
    sets.set(id, parseRuleSet(textOf(path, label), id, version, label));
  }
  return sets;
}

/** Every set of the folder, read now (fixtures; the verifier reads through rules-folder.ts, within its bounds). */
export function loadRuleSets(dir: string): ReadonlyMap<string, RuleSet> {
  const listing = new Map<string, string[] | undefined>();
  try {
    for (const id of readdirSync(dir).filter(isSetId)) listing.set(id, namesIn(join(dir, id)));
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: "RULES_DIR", cause });
  }
  return parseRuleSets(dir, listing, (path, label) => {
    try {
      return readFileSync(path, "utf8");
    } catch (cause) {
      throw new ConfigError("ERR_CONFIG", { field: label, cause });
    }
  });
}

function namesIn(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}
