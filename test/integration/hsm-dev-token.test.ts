// `createDevToken` (hsm init) on a temporary directory: created once, kept, re-issued, rebuilt when broken, and a
// token made before the upload signer existed completed with it (its other keys kept).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevToken } from "../../src/cli/hsm-init/create.js";
import { DEV_KEY_LABELS } from "../../src/cli/hsm-init/dev-files.js";
import { DEV_TOKEN_LABEL } from "../../src/cli/hsm-init/softhsm-conf.js";
import { findByLabel, openTokenSession, SOFTHSM_MODULE } from "../../src/cli/hsm-init/token-session.js";
import { pkcs11js } from "../../src/hsm/module.js";

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
  assert.deepEqual(
    signers.map((s) => [s.types, s.certificate]),
    [
      [["v"], "dsc-vaccination.pem"],
      [["t"], "dsc-test.pem"],
      [["r"], "dsc-recovery.pem"],
    ],
  );
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "tac-keys.json"), "utf8")), {
    dev01: "pkcs11:token=dcc-dev;object=tac-dev01;type=private",
  });
  assert.equal(readFileSync(join(dir, "uvci-key.uri"), "utf8"), "pkcs11:token=dcc-dev;object=uvci-hmac;type=secret-key\n");
  assert.equal(report.files?.dscs.length, 3);
  // The upload signer (NB_UP): issued by the CSCA, digitalSignature only, no EKU, its own key; REVOCATION_UPLOAD_SIGNER's file.
  const upload = pem("upload.pem");
  assert.match(upload.subject, /CN=DCC Converter DEV NB_UP/);
  assert.equal(upload.checkIssued(csca), true);
  assert.equal(upload.verify(csca.publicKey), true);
  assert.equal(upload.ca, false);
  assert.equal(upload.keyUsage, undefined, "no extended key usage");
  assert.ok(["vaccination", "test", "recovery"].every((name) => !pem(`dsc-${name}.pem`).publicKey.equals(upload.publicKey)));
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "upload-signer.json"), "utf8")), {
    certificate: "upload.pem",
    key: "pkcs11:token=dcc-dev;object=upload;type=private",
  });
  assert.equal(report.files?.uploadSignerPath, join(dir, "upload-signer.json"));
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

test("the upload key is generated in the token, sensitive and non-extractable, for signing only", () => {
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, readFileSync(join(dir, "pin"), "utf8").trim());
  assert.ok(token !== undefined);
  try {
    const key = findByLabel(token, pkcs11js.CKO_PRIVATE_KEY, DEV_KEY_LABELS.upload);
    assert.ok(key !== undefined);
    const flags = token.module
      .C_GetAttributeValue(token.session, key, [
        { type: pkcs11js.CKA_SENSITIVE },
        { type: pkcs11js.CKA_EXTRACTABLE },
        { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
        { type: pkcs11js.CKA_SIGN },
        { type: pkcs11js.CKA_DERIVE },
        { type: pkcs11js.CKA_DECRYPT },
      ])
      .map((attribute) => (attribute.value as Buffer)[0]);
    assert.deepEqual(flags, [1, 0, 1, 1, 0, 0]);
  } finally {
    token.close();
  }
});

test("a token made before the upload signer existed is completed: upload key and files added, the other keys kept", async () => {
  const dsc = pem("dsc-test.pem");
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, readFileSync(join(dir, "pin"), "utf8").trim());
  assert.ok(token !== undefined);
  try {
    for (const objectClass of [pkcs11js.CKO_PRIVATE_KEY, pkcs11js.CKO_PUBLIC_KEY]) {
      token.module.C_DestroyObject(token.session, findByLabel(token, objectClass, DEV_KEY_LABELS.upload)!);
    }
  } finally {
    token.close();
  }
  rmSync(join(dir, "upload-signer.json"));
  rmSync(join(dir, "upload.pem"));
  const report = await createDevToken(dir);
  assert.equal(report.action, "reissued");
  assert.equal(pem("dsc-test.pem").publicKey.equals(dsc.publicKey), true, "the DSC keys are kept");
  assert.equal(pem("upload.pem").checkIssued(pem("csca.pem")), true);
  assert.equal((await createDevToken(dir)).action, "unchanged");
});

test("a broken token is rebuilt with new keys", async () => {
  const before = pem("dsc-test.pem");
  rmSync(join(dir, "tokens"), { recursive: true, force: true });
  const report = await createDevToken(dir, { refresh: true });
  assert.equal(report.action, "created");
  assert.equal(pem("dsc-test.pem").publicKey.equals(before.publicKey), false);
});
