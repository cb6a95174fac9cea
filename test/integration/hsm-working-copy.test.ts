// Session copies of the token keys (working-copy.ts) on a TEMPORARY SoftHSM token: the copy is a session object
// with the original's custody, signs like it from any session of the connection, never lands in the token's
// storage, and a key the token refuses to copy is used as it is.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, verify, X509Certificate } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rawToDer } from "../../src/crypto/ecdsa-signature.js";
import { createDevToken } from "../../src/cli/hsm-init/create.js";
import { DEV_KEY_LABELS } from "../../src/cli/hsm-init/dev-files.js";
import { DEV_TOKEN_LABEL } from "../../src/cli/hsm-init/softhsm-conf.js";
import { findByLabel, openTokenSession, SOFTHSM_MODULE } from "../../src/cli/hsm-init/token-session.js";
import type { TokenSession } from "../../src/cli/hsm-init/token-session.js";
import { readCustody } from "../../src/hsm/key-lookup.js";
import { openSession, pkcs11js } from "../../src/hsm/module.js";
import { workingCopy } from "../../src/hsm/working-copy.js";

const dir = mkdtempSync(join(tmpdir(), "hsm-working-copy-"));
const message = Buffer.from("working copy");
const digest = createHash("sha256").update(message).digest();
let token: TokenSession;

function tokenFiles(): string[] {
  return readdirSync(join(dir, "tokens"), { recursive: true, encoding: "utf8" }).sort();
}

function isTokenObject(handle: pkcs11js.Handle): boolean {
  const [attribute] = token.module.C_GetAttributeValue(token.session, handle, [{ type: pkcs11js.CKA_TOKEN }]);
  return attribute?.value instanceof Buffer && attribute.value[0] === 1;
}

function signWith(session: pkcs11js.Handle, key: pkcs11js.Handle): Buffer {
  token.module.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
  return Buffer.from(token.module.C_Sign(session, digest, Buffer.alloc(64)));
}

before(async () => {
  await createDevToken(dir);
  const opened = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, readFileSync(join(dir, "pin"), "utf8").trim());
  assert.ok(opened);
  token = opened;
});

after(() => {
  token.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a signing key's copy is a session object, sensitive and non-extractable, signing verifiably from another session", () => {
  const original = findByLabel(token, pkcs11js.CKO_PRIVATE_KEY, DEV_KEY_LABELS.dsc.v);
  assert.ok(original);
  const filesBefore = tokenFiles();
  const copy = workingCopy(token.module, token.session, original);
  assert.notEqual(copy.toString("hex"), original.toString("hex"));
  assert.equal(isTokenObject(original), true);
  assert.equal(isTokenObject(copy), false);
  assert.deepEqual(readCustody(token.module, token.session, copy), readCustody(token.module, token.session, original));
  assert.deepEqual(tokenFiles(), filesBefore, "the copy must not be stored in the token");
  const certificate = new X509Certificate(readFileSync(join(dir, "dsc-vaccination.pem")));
  const other = openSession(token.module, token.module.C_GetSessionInfo(token.session).slotID);
  try {
    const raw = signWith(other, copy);
    assert.equal(verify("sha256", message, certificate.publicKey, rawToDer(raw)), true);
  } finally {
    token.module.C_CloseSession(other);
  }
});

test("the UVCI key's copy computes the same HMAC as the original", () => {
  const original = findByLabel(token, pkcs11js.CKO_SECRET_KEY, DEV_KEY_LABELS.uvci);
  assert.ok(original);
  const copy = workingCopy(token.module, token.session, original);
  assert.equal(isTokenObject(copy), false);
  const mac = (key: pkcs11js.Handle) => {
    token.module.C_SignInit(token.session, { mechanism: pkcs11js.CKM_SHA256_HMAC }, key);
    return Buffer.from(token.module.C_Sign(token.session, digest, Buffer.alloc(32)));
  };
  assert.deepEqual(mac(copy), mac(original));
});

test("a key the token refuses to copy (CKA_COPYABLE false) is used as it is", () => {
  // SoftHSM fixes CKA_COPYABLE at creation: a fresh HMAC key made not copyable.
  const original = token.module.C_GenerateKey(token.session, { mechanism: pkcs11js.CKM_GENERIC_SECRET_KEY_GEN }, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
    { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
    { type: pkcs11js.CKA_TOKEN, value: false },
    { type: pkcs11js.CKA_SIGN, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_COPYABLE, value: false },
  ]);
  assert.throws(
    () => token.module.C_CopyObject(token.session, original, [{ type: pkcs11js.CKA_TOKEN, value: false }]),
    /:27$/, // CKR_ACTION_PROHIBITED (0x1B), which pkcs11js does not know by name ("CKR_VENDOR_DEFINED:27")
  );
  assert.equal(workingCopy(token.module, token.session, original).toString("hex"), original.toString("hex"));
});
