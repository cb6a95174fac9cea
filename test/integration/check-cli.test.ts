// `dcc-converter check` as a user runs it (docs/verification.md): the real binary, the bundled rules and trust lists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { hashApiKey } from "../../src/http/auth.js";
import { trustListEntry } from "../../src/trust/dcc-trust-list.js";
import { makeTestSigner } from "../support/test-signer.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, "check", ...args], { input, encoding: "utf8", env: { ...process.env, ...env } });

test("check: valid is exit 0 with the JSON verdict; the same barcode outside the rules' windows is exit 1", () => {
  const valid = run(["--validation-time", "2021-07-01T12:00:00Z", "--detail", "full", SPECIMEN_2DDOC]);
  assert.equal(valid.status, 0, valid.stderr);
  const json = JSON.parse(valid.stdout) as { decision: string; certificate?: { dob: string }; ruleSet: { id: string } };
  assert.deepEqual([json.decision, json.certificate?.dob, json.ruleSet.id], ["valid", "1952-08-04", "activity"]);
  const early = run(["--rules", "travel-FR", "--validation-time", "2021-07-01T12:00:00Z"], `${SPECIMEN_2DDOC}\n`);
  assert.equal(early.status, 1, "no travel-FR rule is in force in July 2021: undetermined");
  assert.equal((JSON.parse(early.stdout) as { decision: string }).decision, "undetermined");
});

test("check: an undecodable barcode, an unknown rule set and a validation time in production are exit 2, code only", () => {
  const undecodable = run(["HC1:NOT BASE45 ~~"]);
  assert.deepEqual([undecodable.status, undecodable.stderr.trim()], [2, '{"error":{"code":"ERR_BARCODE_UNDECODABLE","field":"base45"}}']);
  const unknown = run(["--rules", "mars", SPECIMEN_2DDOC]);
  assert.deepEqual([unknown.status, JSON.parse(unknown.stderr).error.code], [2, "ERR_RULE_SET_UNKNOWN"]);
  const dir = mkdtempSync(join(tmpdir(), "dcc-check-"));
  writeFileSync(join(dir, "keys.json"), JSON.stringify([{ name: "app", keyHash: hashApiKey("k".repeat(32)), scopes: ["verify"] }]));
  writeFileSync(join(dir, "trust.json"), JSON.stringify([trustListEntry(makeTestSigner().certificate)]));
  const env = { NODE_ENV: "production", API_KEYS_FILE: join(dir, "keys.json"), DCC_TRUST_LIST: join(dir, "trust.json") };
  const production = run(["--validation-time", "2021-07-01T12:00:00Z", SPECIMEN_2DDOC], undefined, env);
  assert.deepEqual(
    [production.status, production.stderr.trim()],
    [2, '{"error":{"code":"ERR_VALIDATION_TIME","field":"--validation-time"}}'],
  );
  assert.equal(production.stdout, "");
});
