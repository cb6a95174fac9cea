// `dcc-converter verify` (README.md "Command line"): JSON report, exit 0 valid, 1 refused, 2 usage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { encodeDcc } from "../../src/dcc/encode.js";
import { makeTestSigner } from "../support/test-signer.js";
import { testPayload } from "../unit/dcc/fixtures.js";

const MAIN = resolve(import.meta.dirname, "../../src/cli/main.ts");

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", MAIN, "verify", ...args], {
    encoding: "utf8",
    env: { ...process.env, DCC_SIGNERS: "", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("verify prints the stage report and exits 0 only when valid", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-verify-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dsc = makeTestSigner();
  const certs = join(dir, "certs.pem");
  writeFileSync(certs, makeTestSigner().pem + dsc.pem);
  const { hc1, issuedAt } = await encodeDcc({ payload: testPayload(), signer: dsc.signer, now: new Date("2024-03-10T08:30:00Z") });
  const at = new Date(issuedAt.getTime() + 3_600_000).toISOString();

  const ok = cli([hc1, "--certs", certs, "--at", at]);
  assert.equal(ok.status, 0, ok.stderr);
  const report = JSON.parse(ok.stdout) as { valid: boolean; stages: Record<string, { ok: boolean }> };
  assert.equal(report.valid, true);
  assert.equal(report.stages["signature"]?.ok, true);

  const expired = cli([hc1, "--certs", certs, "--at", "2030-01-01T00:00:00Z"]);
  assert.equal(expired.status, 1);
  assert.equal((JSON.parse(expired.stdout) as { stages: Record<string, { code?: string }> }).stages["expiration"]?.code, "ERR_CWT_EXPIRED");

  // Without --certs, development trusts the service's own signers (the development token): not this DSC.
  const ownSigners = cli([hc1, "--at", at]);
  assert.equal(ownSigners.status, 1, ownSigners.stderr);
  assert.equal(
    (JSON.parse(ownSigners.stdout) as { stages: Record<string, { code?: string }> }).stages["signature"]?.code,
    "ERR_COSE_UNKNOWN_KID",
  );
  const usage = cli([hc1, "--at", at], { NODE_ENV: "production" });
  assert.equal(usage.status, 2, "no --certs and no DCC_SIGNERS in production");
  assert.deepEqual(JSON.parse(usage.stderr), { error: { code: "ERR_CONFIG", field: "--certs" } });
  assert.equal(cli([hc1, "--certs", certs, "--at", "not a date"]).status, 2);
});
