// The PKCS#11 key vault on a real SoftHSM token of its own (a temporary directory, never .softhsm/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createECDH, createHash, X509Certificate, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rawToDer } from "../../src/crypto/ecdsa-signature.js";
import { devKeyUri } from "../../src/cli/hsm-init/dev-files.js";
import { generateEcKeyPair, generateHmacKey } from "../../src/cli/hsm-init/keys.js";
import { DEV_TOKEN_LABEL } from "../../src/cli/hsm-init/softhsm-conf.js";
import { findByLabel, openTokenSession, SOFTHSM_MODULE, tokenSigner } from "../../src/cli/hsm-init/token-session.js";
import { issueCertificate } from "../../src/cli/hsm-init/certificate-builder.js";
import { readCustody } from "../../src/hsm/key-lookup.js";
import { pkcs11js } from "../../src/hsm/module.js";
import { describeSigners } from "../../src/http/signers-routes.js";
import { openKeyVault } from "../../src/hsm/key-vault.js";
import type { KeyVaultOptions } from "../../src/hsm/key-vault.js";
import { createTempToken } from "../support/temp-token.js";

const dir = mkdtempSync(join(tmpdir(), "hsm-vault-"));
let options: KeyVaultOptions;
let uploadPem: string;

before(async () => {
  options = { ...(await createTempToken(dir)), sessionPoolSize: 4 };
  // Extra keys for the refusal cases, made before any vault initialises the module in this process.
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, options.pin);
  assert.ok(token);
  generateEcKeyPair(token.module, token.session, { label: "dsc-exportable", usage: "sign", exportable: true });
  const lonely = generateEcKeyPair(token.module, token.session, { label: "dsc-lonely", usage: "sign" });
  token.module.C_DestroyObject(token.session, lonely.publicKey); // only the proof signature can catch a mismatch
  generateHmacKey(token.module, token.session, "uvci-hmac-2");
  // An upload signer: a token key with a self-signed certificate of its own (not a DSC: no EKU).
  const upload = generateEcKeyPair(token.module, token.session, { label: "upload-signer", usage: "sign" });
  const name = { commonName: "DCC Converter TEST upload signer", country: "FR" };
  const now = Date.now();
  const der = await issueCertificate(
    { subject: name, issuer: name, subjectPublicKeyInfo: upload.spki, notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 86_400_000), extensions: [] },
    tokenSigner(token, upload.privateKey),
  );
  uploadPem = new X509Certificate(der).toString();
  token.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test("every generated key reads back sensitive, non-extractable, never extractable", () => {
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, options.pin);
  assert.ok(token);
  try {
    const keys: [number, string][] = [
      [pkcs11js.CKO_PRIVATE_KEY, "dev-csca"],
      [pkcs11js.CKO_PRIVATE_KEY, "dsc-vaccination"],
      [pkcs11js.CKO_PRIVATE_KEY, "dsc-test"],
      [pkcs11js.CKO_PRIVATE_KEY, "dsc-recovery"],
      [pkcs11js.CKO_PRIVATE_KEY, "tac-dev01"],
      [pkcs11js.CKO_SECRET_KEY, "uvci-hmac"],
    ];
    for (const [objectClass, label] of keys) {
      const handle = findByLabel(token, objectClass, label);
      assert.ok(handle, label);
      assert.deepEqual(readCustody(token.module, token.session, handle), { sensitive: true, extractable: false, neverExtractable: true }, label);
    }
  } finally {
    token.close();
  }
});

test("signatures of digests verify with each DSC certificate; kid and signer description are right", async () => {
  const vault = await openKeyVault(options);
  try {
    assert.equal(vault.available, true);
    for (const type of ["v", "t", "r"] as const) {
      const signer = vault.signerFor(type);
      assert.deepEqual(signer.kid, createHash("sha256").update(signer.certificate.raw).digest().subarray(0, 8));
      const messages = Array.from({ length: 8 }, (_, i) => Buffer.from(`Sig_structure stand-in ${type} ${i}`));
      const signatures = await Promise.all(messages.map((m) => signer.sign(createHash("sha256").update(m).digest())));
      signatures.forEach((raw, i) => {
        assert.equal(raw.length, 64);
        assert.equal(verify("sha256", messages[i] as Buffer, signer.certificate.publicKey, rawToDer(raw)), true);
      });
    }
    const described = describeSigners(vault.signers);
    assert.deepEqual(described.map((s) => s.types), [["v"], ["t"], ["r"]]);
    for (const entry of described) {
      assert.equal(Buffer.from(entry.kid, "base64").length, 8);
      assert.equal(new X509Certificate(entry.certificate).subject.includes("DCC Converter DEV DSC"), true);
      assert.equal(Date.parse(entry.notAfter) - Date.parse(entry.notBefore) > 700 * 86_400_000, true);
    }
    await vault.probe();
  } finally {
    await vault.close();
  }
});

test("the UVCI keyed hash is deterministic and depends on the key", async () => {
  const first = await openKeyVault(options);
  const a1 = await first.keyedHash(Buffer.from("document A"));
  const a2 = await first.keyedHash(Buffer.from("document A"));
  const b = await first.keyedHash(Buffer.from("document B"));
  await first.close();
  assert.equal(a1.length, 32);
  assert.deepEqual(a1, a2);
  assert.notDeepEqual(a1, b);
  assert.notDeepEqual(a1, createHash("sha256").update("document A").digest());
  const other = await openKeyVault({ ...options, uvciKeyUri: devKeyUri("uvci-hmac-2", "secret-key") });
  const a3 = await other.keyedHash(Buffer.from("document A"));
  await other.close();
  assert.notDeepEqual(a1, a3);
});

test("ECDH in the token equals node:crypto ECDH with a client key and the alias's public key", async () => {
  const vault = await openKeyVault(options);
  try {
    const spki = Buffer.from(vault.keyAgreementKeys["dev01"] ?? "", "base64");
    assert.equal(spki.length, 91);
    const client = createECDH("prime256v1");
    client.generateKeys();
    const inToken = await vault.deriveSharedSecret("dev01", client.getPublicKey());
    assert.equal(inToken.length, 32);
    assert.deepEqual(inToken, client.computeSecret(spki.subarray(26)));
    await assert.rejects(vault.deriveSharedSecret("nope", client.getPublicKey()), { code: "ERR_TAC_KEY_ALIAS" });
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]);
    await assert.rejects(vault.deriveSharedSecret("dev01", offCurve), { code: "ERR_TAC_CLIENT_KEY" });
    assert.equal(vault.available, true); // a client's bad key is not an HSM outage
  } finally {
    await vault.close();
  }
});

test("signerFor a type without a signer is ERR_DCC_NO_SIGNER", async () => {
  const vault = await openKeyVault({ ...options, signers: options.signers.filter((s) => s.types.includes("t")) });
  try {
    assert.throws(() => vault.signerFor("v"), { code: "ERR_DCC_NO_SIGNER" });
    assert.equal(vault.signerFor("t").types[0], "t");
  } finally {
    await vault.close();
  }
});

test("open refuses exportable, missing and mismatching keys naming the config entry", async () => {
  const [vaccination, testSigner] = options.signers;
  assert.ok(vaccination && testSigner);
  const withKey = (object: string) => [vaccination, { ...testSigner, keyUri: devKeyUri(object, "private") }];
  const refusals: [string, string][] = [
    ["dsc-exportable", "extractable"],
    ["dsc-missing", "missing"],
    ["dsc-recovery", "public point differs"],
    ["dsc-lonely", "no public object: proof signature fails"],
  ];
  for (const [object, why] of refusals) {
    await assert.rejects(openKeyVault({ ...options, signers: withKey(object) }), { code: "ERR_HSM_KEY", field: "DCC_SIGNERS[1]" }, why);
  }
  await assert.rejects(openKeyVault({ ...options, uvciKeyUri: devKeyUri("dsc-test", "private") }), { code: "ERR_HSM_KEY", field: "UVCI_KEY" });
  await assert.rejects(openKeyVault({ ...options, pin: "wrong-pin" }), { code: "ERR_CONFIG", field: "PKCS11_PIN" });
  // after every refusal the module was released: a correct open still works
  const vault = await openKeyVault(options);
  await vault.close();
});

test("the upload signer signs a SHA-256 digest with its own token key: raw r‖s verifying with its certificate", async () => {
  const vault = await openKeyVault({ ...options, uploadSigner: { certificatePem: uploadPem, keyUri: devKeyUri("upload-signer", "private") } });
  try {
    const certificate = new X509Certificate(uploadPem);
    assert.deepEqual(vault.uploadSigner?.certificateDer, certificate.raw);
    const content = Buffer.from("a revocation list stand-in");
    const raw = await vault.signUpload(createHash("sha256").update(content).digest());
    assert.equal(raw.length, 64);
    assert.equal(verify("sha256", content, certificate.publicKey, rawToDer(raw)), true);
    assert.equal(verify("sha256", content, vault.signerFor("v").certificate.publicKey, rawToDer(raw)), false);
    assert.throws(() => vault.signUpload(Buffer.alloc(20)), TypeError);
  } finally {
    await vault.close();
  }
});

test("an upload signer whose key is not its certificate's is refused at open; without one, signUpload refuses", async () => {
  await assert.rejects(
    openKeyVault({ ...options, uploadSigner: { certificatePem: uploadPem, keyUri: devKeyUri("dsc-test", "private") } }),
    { code: "ERR_HSM_KEY", field: "uploadSigner" },
  );
  const vault = await openKeyVault(options);
  try {
    assert.equal(vault.uploadSigner, undefined);
    await assert.rejects(vault.signUpload(Buffer.alloc(32)), { code: "ERR_HSM_KEY", field: "uploadSigner" });
  } finally {
    await vault.close();
  }
});
