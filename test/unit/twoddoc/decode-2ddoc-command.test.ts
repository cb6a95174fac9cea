// `dcc-converter decode-2ddoc` (README.md "Command line"), run as a child process through test/support/run-decode-2ddoc.ts.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE } from "../../support/twoddoc-fixtures.js";

const RUNNER = resolve(import.meta.dirname, "../../support/run-decode-2ddoc.ts");
const signer = makeTestSigner();
const DOC = sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey);
let dir = "";
let bundle = "";

function run(args: string[], input?: string, env: Record<string, string> = {}) {
  const { TWODDOC_TRUST_BUNDLE: _ignored, ...base } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", RUNNER, "decode-2ddoc", ...args], {
    input,
    encoding: "latin1",
    env: { ...base, ...env },
  });
}

describe("decode-2ddoc command", () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "decode-2ddoc-"));
    bundle = join(dir, "trust.pem");
    writeFileSync(bundle, signer.pem);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints header, fields and a valid status, exit 0 (argument, --trust-bundle)", () => {
    const result = run(["--trust-bundle", bundle, DOC.replaceAll("\x1d", "<GS>").replaceAll("\x1f", "<US>")]);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(out.header, {
      version: "04",
      caId: "FR99",
      certId: "TST9",
      issueDate: "2021-04-26",
      signatureDate: "2021-04-26",
      documentType: "B2",
      perimeter: "01",
      country: "FR",
    });
    assert.deepEqual(out.fields.F4, { value: "945006", truncated: false });
    assert.deepEqual(out.signature, { status: "valid" });
  });
  it("reads stdin and the TWODDOC_TRUST_BUNDLE variable", () => {
    const result = run([], `${DOC}\n`, { TWODDOC_TRUST_BUNDLE: bundle });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).signature.status, "valid");
  });
  it("exits 1 with the status when the signer is unknown to the bundled list", () => {
    const result = run([DOC]);
    assert.equal(result.status, 1);
    assert.equal(JSON.parse(result.stdout).signature.status, "unknown-signer");
  });
  it("exits 1 for an invalid signature", () => {
    const result = run(["--trust-bundle", bundle, DOC.replace("F5N", "F5P")]);
    assert.equal(result.status, 1);
    assert.equal(JSON.parse(result.stdout).signature.status, "invalid");
  });
  it("exits 2 with only the code on stderr for an undecodable document", () => {
    const result = run(["--trust-bundle", bundle, DOC.replace("F5N", "F55")]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, "");
    assert.deepEqual(JSON.parse(result.stderr), { error: { code: "ERR_2DDOC_FIELD", field: "F5" } });
    assert.equal(result.stderr.includes("SPECIMEN"), false);
  });
  it("exits 2 with ERR_CONFIG for an unreadable bundle", () => {
    const result = run(["--trust-bundle", join(dir, "missing.pem"), DOC]);
    assert.equal(result.status, 2);
    assert.deepEqual(JSON.parse(result.stderr), { error: { code: "ERR_CONFIG", field: "TWODDOC_TRUST_BUNDLE" } });
  });
});
