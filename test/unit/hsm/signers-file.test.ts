import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSignersFile } from "../../../src/hsm/signers-file.js";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = "pkcs11:token=dcc-dev;object=dsc-test;type=private";

function signersFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "signers-"));
  mkdirSync(join(dir, "certs"));
  writeFileSync(join(dir, "certs", "dsc.pem"), PEM);
  const path = join(dir, "signers.json");
  writeFileSync(path, content);
  return path;
}

test("reads entries and resolves certificate paths relative to the JSON file", () => {
  const path = signersFile(JSON.stringify([{ types: ["t", "r"], certificate: "certs/dsc.pem", key: KEY }]));
  assert.deepEqual(loadSignersFile(path), [{ types: ["t", "r"], certificatePem: PEM, keyUri: KEY }]);
});

test("invalid files are refused with ERR_CONFIG naming DCC_SIGNERS, never a value", () => {
  const cases: [string, string][] = [
    ["{not json", "DCC_SIGNERS"],
    ["{}", "DCC_SIGNERS"],
    ["[]", "DCC_SIGNERS"],
    [JSON.stringify(["x"]), "DCC_SIGNERS[0]"],
    [JSON.stringify([{ types: [], certificate: "certs/dsc.pem", key: KEY }]), "DCC_SIGNERS[0]"],
    [JSON.stringify([{ types: ["x"], certificate: "certs/dsc.pem", key: KEY }]), "DCC_SIGNERS[0]"],
    [
      JSON.stringify([
        { types: ["v"], certificate: "certs/dsc.pem", key: KEY },
        { types: ["t"], certificate: "certs/missing-secret.pem", key: KEY },
      ]),
      "DCC_SIGNERS[1]",
    ],
    [JSON.stringify([{ types: ["v"], certificate: "signers.json", key: KEY }]), "DCC_SIGNERS[0]"],
    [JSON.stringify([{ types: ["v"], certificate: "certs/dsc.pem" }]), "DCC_SIGNERS[0]"],
    [JSON.stringify([{ types: ["v"], certificate: "certs/dsc.pem", key: KEY, pin: "1234" }]), "DCC_SIGNERS[0]"],
  ];
  for (const [content, field] of cases) {
    assert.throws(
      () => loadSignersFile(signersFile(content)),
      (error: Error & { code?: string; field?: string }) => {
        assert.equal(error.code, "ERR_CONFIG", content);
        assert.equal(error.field, field, content);
        assert.equal(/missing-secret|1234|not json/.test(error.message), false);
        return true;
      },
    );
  }
  assert.throws(() => loadSignersFile("/nonexistent/signers.json"), { code: "ERR_CONFIG", field: "DCC_SIGNERS" });
});
