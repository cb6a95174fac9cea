// REVOCATION_UPLOAD_SIGNER's file: the certificate read relative to the file, the key URI kept for the key vault;
// anything wrong is ERR_CONFIG naming the variable, never a value from the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readUploadSignerFile } from "../../../src/revocation/upload-signer.js";
import { makeUploadPki } from "../../support/upload-pki.js";

const dir = mkdtempSync(join(tmpdir(), "upload-signer-"));
mkdirSync(join(dir, "certs"));
const pem = makeUploadPki("ec").uploadPem;
writeFileSync(join(dir, "certs", "upload.pem"), pem);
const KEY = "pkcs11:token=dcc-dev;object=upload;type=private";
const file = (content: string) => {
  const path = join(dir, `signer-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return path;
};

test("unset: no upload signer; set: the certificate PEM (path relative to the file), the key URI and the variable's name", () => {
  assert.equal(readUploadSignerFile(undefined), undefined);
  assert.deepEqual(readUploadSignerFile(file(JSON.stringify({ certificate: "certs/upload.pem", key: KEY }))), {
    certificatePem: pem,
    keyUri: KEY,
    field: "REVOCATION_UPLOAD_SIGNER",
  });
});

test("a file that does not parse, lacks a member, names no PKCS#11 key or a missing certificate: ERR_CONFIG naming the variable", () => {
  for (const content of [
    "{secret",
    "[]",
    JSON.stringify({ certificate: "certs/upload.pem" }),
    JSON.stringify({ certificate: "certs/upload.pem", key: "/etc/secret-key.pem" }),
    JSON.stringify({ certificate: "", key: KEY }),
    JSON.stringify({ certificate: "certs/missing-secret.pem", key: KEY }),
  ]) {
    assert.throws(
      () => readUploadSignerFile(file(content)),
      (error: Error & { code?: string; field?: string }) => {
        assert.equal(error.code, "ERR_CONFIG", content);
        assert.equal(error.field, "REVOCATION_UPLOAD_SIGNER");
        assert.ok(!error.message.includes("secret"));
        return true;
      },
    );
  }
});
