// `createDevToken` (hsm init) on a temporary directory: created once, kept, re-issued, rebuilt when broken.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevToken } from "../../src/cli/hsm-init/create.js";

const dir = mkdtempSync(join(tmpdir(), "hsm-dev-token-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const pem = (file: string) => new X509Certificate(readFileSync(join(dir, file)));

test("creates the token, PIN file 0600, configuration files and a CSCA-signed DSC per type", async () => {
  const report = await createDevToken(dir);
  assert.equal(report.action, "created");
  assert.equal(process.env["SOFTHSM2_CONF"], join(dir, "softhsm2.conf"));
  assert.equal(statSync(join(dir, "pin")).mode & 0o777, 0o600);
  assert.match(readFileSync(join(dir, "softhsm2.conf"), "utf8"), new RegExp(`directories.tokendir = ${join(dir, "tokens")}`));
  const csca = pem("csca.pem");
  assert.equal(csca.ca, true);
  assert.equal(csca.verify(csca.publicKey), true);
  for (const name of ["vaccination", "test", "recovery"]) {
    const dsc = pem(`dsc-${name}.pem`);
    assert.equal(dsc.subject.includes(`CN=DCC Converter DEV DSC ${name}`), true);
    assert.equal(dsc.checkIssued(csca), true);
    assert.equal(dsc.verify(csca.publicKey), true);
    assert.deepEqual(dsc.keyUsage?.length, 2); // both EKU arcs of its type
  }
  const signers = JSON.parse(readFileSync(join(dir, "signers.json"), "utf8")) as { types: string[]; certificate: string; key: string }[];
  assert.deepEqual(signers.map((s) => [s.types, s.certificate]), [[["v"], "dsc-vaccination.pem"], [["t"], "dsc-test.pem"], [["r"], "dsc-recovery.pem"]]);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "tac-keys.json"), "utf8")), { dev01: "pkcs11:token=dcc-dev;object=tac-dev01;type=private" });
  assert.equal(readFileSync(join(dir, "uvci-key.uri"), "utf8"), "pkcs11:token=dcc-dev;object=uvci-hmac;type=secret-key\n");
  assert.equal(report.files?.dscs.length, 3);
});

test("a second run changes nothing; --refresh re-issues certificates for the same keys", async () => {
  const before = pem("dsc-test.pem");
  assert.equal((await createDevToken(dir)).action, "unchanged");
  assert.equal(pem("dsc-test.pem").fingerprint256, before.fingerprint256);
  const refreshed = await createDevToken(dir, { refresh: true });
  assert.equal(refreshed.action, "reissued");
  const after = pem("dsc-test.pem");
  assert.notEqual(after.fingerprint256, before.fingerprint256);
  assert.equal(after.publicKey.equals(before.publicKey), true);
});

test("a broken token is rebuilt with new keys", async () => {
  const before = pem("dsc-test.pem");
  rmSync(join(dir, "tokens"), { recursive: true, force: true });
  const report = await createDevToken(dir, { refresh: true });
  assert.equal(report.action, "created");
  assert.equal(pem("dsc-test.pem").publicKey.equals(before.publicKey), false);
});
