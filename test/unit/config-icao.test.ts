// ICAO_SIGNERS and ICAO_CSCA (docs/international-format.md, "Keys and certificates"): both or neither; half a
// configuration stops the start naming the missing variable, never a value; neither in production = the format off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";

const dir = mkdtempSync(join(tmpdir(), "dcc-config-icao-"));
const file = (name: string, content = "x") => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const production = {
  NODE_ENV: "production",
  PKCS11_MODULE: file("module.so"),
  PKCS11_PIN: "not-a-real-pin-9876",
  DCC_SIGNERS: file("signers.json", "[]"),
  UVCI_KEY: "pkcs11:token=t;object=uvci;type=secret-key",
  TAC_KEYS: file("tac.json", "{}"),
  API_KEYS_FILE: file("keys.json", "[]"),
};
const signers = file("icao-signers.json", "[]");
const csca = file("icao-csca.pem");

test("production without ICAO_SIGNERS and ICAO_CSCA: the international format is off", () => {
  assert.equal(loadConfig(production).icao, undefined);
});

test("both given: the format is on with those files", () => {
  assert.deepEqual(loadConfig({ ...production, ICAO_SIGNERS: signers, ICAO_CSCA: csca }).icao, { signersFile: signers, cscaFile: csca });
});

test("half a configuration is refused naming the variable that is missing, in production and in development", () => {
  for (const env of [production, { PKCS11_PIN: "not-a-real-pin-9876" }]) {
    assert.throws(() => loadConfig({ ...env, ICAO_SIGNERS: signers }), { code: "ERR_CONFIG", field: "ICAO_CSCA" });
    assert.throws(() => loadConfig({ ...env, ICAO_CSCA: csca }), { code: "ERR_CONFIG", field: "ICAO_SIGNERS" });
  }
  assert.throws(() => loadConfig({ ...production, ICAO_SIGNERS: join(dir, "absent.json"), ICAO_CSCA: csca }), { code: "ERR_CONFIG", field: "ICAO_SIGNERS" });
});
