// `dcc-converter convert` and `verify` as a user runs them: the real binary, the development token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8" });

test("convert prints one HC1 line (argument or stdin) that verify accepts with the service's own signers", () => {
  const fromArgument = run(["convert", SPECIMEN_2DDOC]);
  assert.equal(fromArgument.status, 0, fromArgument.stderr);
  assert.match(fromArgument.stdout, /^HC1:[0-9A-Z $%*+\-./:]+\n$/);
  const fromStdin = run(["convert"], `${SPECIMEN_2DDOC}\n`);
  assert.equal(fromStdin.status, 0, fromStdin.stderr);
  const verified = run(["verify", fromStdin.stdout.trim()]);
  assert.equal(verified.status, 0, verified.stdout);
  assert.equal((JSON.parse(verified.stdout) as { valid: boolean }).valid, true);
});

test("convert --json shows the result and every intermediate of the chain", () => {
  const result = run(["convert", "--json", SPECIMEN_2DDOC]);
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout) as { type: string; uvci: string; intermediates: Record<string, unknown> };
  assert.equal(json.type, "vaccination");
  for (const stage of ["cbor", "protectedHeader", "sigStructure", "signature", "cose", "compressed", "base45", "hc1"]) {
    assert.ok(stage in json.intermediates, stage);
  }
  assert.match(String(json.intermediates["signature"]), /^[0-9a-f]{128}$/);
});

test("a refused document exits 1 with its code on stderr and nothing of the input; a usage error exits 2", () => {
  const refused = run(["convert", SPECIMEN_2DDOC.replace("AZAY", "AZAZ")]);
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, "");
  assert.deepEqual(JSON.parse(refused.stderr), { error: { code: "ERR_2DDOC_SIGNATURE" } });
  assert.ok(!refused.stderr.includes("AZAZ"));
  const tampered = run(["verify", "HC1:NOT-A-DCC"]);
  assert.equal(tampered.status, 1);
  const report = JSON.parse(tampered.stdout) as { valid: boolean; stages: Record<string, { ok: boolean; code?: string }> };
  assert.equal(report.valid, false);
  assert.deepEqual(report.stages["base45"], { ok: false, code: "ERR_HC1_BASE45" });
  assert.equal(run(["convert", "--no-such-option"]).status, 2);
});
