import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, sign, X509Certificate } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { KeyUsageFlags } from "@peculiar/asn1-x509";
import { derToRaw } from "../../../src/crypto/ecdsa-signature.js";
import { keyUsageOids } from "../../../src/dcc/check-key-usage.js";
import { checkDscProfile } from "../../../src/hsm/vault-config.js";
import { prepareVaultConfig } from "../../../src/hsm/vault-config.js";
import type { Extension } from "@peculiar/asn1-x509";
import { extendedKeyUsage, issueCertificate, keyUsage, toPem } from "../../../src/cli/hsm-init/certificate-builder.js";

const ca = generateKeyPairSync("ec", { namedCurve: "P-256" });
const caSigner = async (data: Buffer) => derToRaw(sign("sha256", data, ca.privateKey));
const name = { commonName: "Test DSC", country: "FR" };

async function certificate(extensions: Extension[], publicKey: KeyObject = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey) {
  const der = await issueCertificate(
    {
      subject: name,
      issuer: { commonName: "Test CSCA", country: "FR" },
      subjectPublicKeyInfo: publicKey.export({ type: "spki", format: "der" }),
      notBefore: new Date("2026-01-01T00:00:00Z"),
      notAfter: new Date("2028-01-01T00:00:00Z"),
      extensions,
    },
    caSigner,
  );
  return new X509Certificate(der);
}

const digitalSignature = keyUsage(KeyUsageFlags.digitalSignature);

test("a DSC with digitalSignature and both EKU arcs of its type passes and yields its point", async () => {
  const cert = await certificate([digitalSignature, extendedKeyUsage(keyUsageOids("v"))]);
  assert.equal(cert.verify(ca.publicKey), true);
  const point = checkDscProfile(cert, ["v"], "DCC_SIGNERS[0]");
  assert.equal(point.length, 65);
  assert.equal(point[0], 0x04);
});

test("only the early `.0.` arc is accepted too, and no EKU means every type", async () => {
  const early = await certificate([digitalSignature, extendedKeyUsage(["1.3.6.1.4.1.0.1847.2021.1.3"])]);
  assert.equal(checkDscProfile(early, ["r"], "F").length, 65);
  const noEku = await certificate([digitalSignature]);
  assert.equal(checkDscProfile(noEku, ["v", "t", "r"], "F").length, 65);
});

test("an EKU that does not allow every signed type is refused with ERR_HSM_KEY and the field", async () => {
  const testOnly = await certificate([digitalSignature, extendedKeyUsage(keyUsageOids("t"))]);
  assert.throws(() => checkDscProfile(testOnly, ["t", "v"], "DCC_SIGNERS[1]"), { code: "ERR_HSM_KEY", field: "DCC_SIGNERS[1]" });
  const unrelated = await certificate([digitalSignature, extendedKeyUsage(["1.3.6.1.5.5.7.3.4"])]);
  assert.throws(() => checkDscProfile(unrelated, ["r"], "DCC_SIGNERS[2]"), { code: "ERR_HSM_KEY", field: "DCC_SIGNERS[2]" });
});

test("a DSC without keyUsage digitalSignature is refused", async () => {
  const certSign = await certificate([keyUsage(KeyUsageFlags.keyCertSign)]);
  assert.throws(() => checkDscProfile(certSign, ["v"], "DCC_SIGNERS[0]"), { code: "ERR_HSM_KEY", field: "DCC_SIGNERS[0]" });
  const noKeyUsage = await certificate([extendedKeyUsage(keyUsageOids("v"))]);
  assert.throws(() => checkDscProfile(noKeyUsage, ["v"], "DCC_SIGNERS[0]"), { code: "ERR_HSM_KEY" });
});

test("a DSC whose key is not P-256 is refused (hcert §3.3.1: ES256 needs P-256)", async () => {
  const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey;
  const cert = await certificate([digitalSignature], p384);
  assert.throws(() => checkDscProfile(cert, ["v"], "DCC_SIGNERS[0]"), { code: "ERR_CONFIG", field: "DCC_SIGNERS[0]" });
});

test("prepareVaultConfig: kid is SHA-256(DER)[0..8]; a certificate listed twice, mixed tokens and bad PEM are refused", async () => {
  const pemV = toPem((await certificate([digitalSignature, extendedKeyUsage(keyUsageOids("v"))])).raw);
  const pemAll = toPem((await certificate([digitalSignature])).raw);
  const key = (object: string, token = "t1") => `pkcs11:token=${token};object=${object};type=private`;
  const uvci = "pkcs11:token=t1;object=uvci;type=secret-key";
  const ok = prepareVaultConfig([{ types: ["v"], certificatePem: pemV, keyUri: key("a") }], uvci, { dev01: key("tac") });
  assert.equal(ok.plan.tokenLabel, "t1");
  const { createHash } = await import("node:crypto");
  const expected = createHash("sha256").update(new X509Certificate(pemV).raw).digest().subarray(0, 8);
  assert.deepEqual(ok.signers[0]?.kid, expected);
  assert.throws(() => prepareVaultConfig([], uvci, {}), { code: "ERR_CONFIG", field: "DCC_SIGNERS" });
  assert.throws(
    () =>
      prepareVaultConfig(
        [
          { types: ["v"], certificatePem: pemV, keyUri: key("a") },
          { types: ["v"], certificatePem: pemV, keyUri: key("b") },
        ],
        uvci,
        {},
      ),
    { code: "ERR_CONFIG", field: "DCC_SIGNERS[1]" },
  );
  // Key rotation: two DSCs may sign the same type.
  const rotated = prepareVaultConfig(
    [
      { types: ["v"], certificatePem: pemV, keyUri: key("a") },
      { types: ["v", "t"], certificatePem: pemAll, keyUri: key("b") },
    ],
    uvci,
    {},
  );
  assert.equal(rotated.signers.length, 2);
  assert.throws(
    () => prepareVaultConfig([{ types: ["v"], certificatePem: pemV, keyUri: key("a") }], uvci, { dev01: key("tac", "other") }),
    {
      code: "ERR_CONFIG",
      field: "TAC_KEYS[dev01]",
    },
  );
  assert.throws(
    () =>
      prepareVaultConfig(
        [{ types: ["v"], certificatePem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", keyUri: key("a") }],
        uvci,
        {},
      ),
    {
      code: "ERR_CONFIG",
      field: "DCC_SIGNERS[0]",
    },
  );
  assert.throws(() => prepareVaultConfig([{ types: ["v"], certificatePem: pemV, keyUri: key("a") }], "pkcs11:object=uvci", {}), {
    code: "ERR_CONFIG",
    field: "UVCI_KEY",
  });
});

test("prepareVaultConfig: an upload signer's errors name its configuration entry (default uploadSigner)", async () => {
  const pemV = toPem((await certificate([digitalSignature, extendedKeyUsage(keyUsageOids("v"))])).raw);
  const signers = [{ types: ["v" as const], certificatePem: pemV, keyUri: "pkcs11:token=t1;object=a;type=private" }];
  const uvci = "pkcs11:token=t1;object=uvci;type=secret-key";
  const badPem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  const upload = prepareVaultConfig(
    signers,
    uvci,
    {},
    { certificatePem: pemV, keyUri: "pkcs11:token=t1;object=up;type=private", field: "REVOCATION_UPLOAD_SIGNER" },
  );
  assert.equal(upload.plan.uploadSigner?.field, "REVOCATION_UPLOAD_SIGNER", "the vault thread names it too when the key is missing");
  for (const [uploadSigner, field] of [
    [
      { certificatePem: badPem, keyUri: "pkcs11:token=t1;object=up;type=private", field: "REVOCATION_UPLOAD_SIGNER" },
      "REVOCATION_UPLOAD_SIGNER",
    ],
    [
      { certificatePem: pemV, keyUri: "pkcs11:token=t2;object=up;type=private", field: "REVOCATION_UPLOAD_SIGNER" },
      "REVOCATION_UPLOAD_SIGNER",
    ],
    [{ certificatePem: badPem, keyUri: "pkcs11:token=t1;object=up;type=private" }, "uploadSigner"],
  ] as const) {
    assert.throws(() => prepareVaultConfig(signers, uvci, {}, uploadSigner), { code: "ERR_CONFIG", field });
  }
});
