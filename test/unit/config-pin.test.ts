// Regression: "PIN left in process.env" — PKCS11_PIN stayed in the process environment after the
// configuration had read it, so every worker thread, child process or environment dump carried it.
import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";

const dir = mkdtempSync(join(tmpdir(), "dcc-config-pin-"));
const file = (name: string, content = "x") => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const PIN = "not-a-real-pin-5173";
const PRODUCTION = {
  NODE_ENV: "production",
  PKCS11_MODULE: file("module.so"),
  DCC_SIGNERS: file("signers.json", "[]"),
  UVCI_KEY: "pkcs11:token=t;object=uvci;type=secret-key",
  TAC_KEYS: file("tac.json", "{}"),
  API_KEYS_FILE: file("keys.json", "[]"),
};

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
  for (const key of Object.keys(process.env)) delete process.env[key];
});
afterEach(() => {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, saved);
});

test("PIN left in process.env: PKCS11_PIN is removed once the configuration has read it", () => {
  Object.assign(process.env, PRODUCTION, { PKCS11_PIN: PIN });
  const config = loadConfig();
  assert.equal(config.pkcs11.pin, PIN, "the configuration holds it");
  assert.equal(process.env["PKCS11_PIN"], undefined);
  assert.ok(!Object.values(process.env).includes(PIN));
});

test("PIN left in process.env: a PKCS11_PIN_FILE's content never enters the environment", () => {
  Object.assign(process.env, PRODUCTION, { PKCS11_PIN_FILE: file("pin", `${PIN}\n`) });
  const config = loadConfig();
  assert.equal(config.pkcs11.pin, PIN);
  assert.ok(!Object.values(process.env).some((value) => value?.includes(PIN)));
  assert.equal(process.env["PKCS11_PIN"], undefined);
});

test("an environment passed in explicitly (tests, tools) is read, not changed", () => {
  const env = { ...PRODUCTION, PKCS11_PIN: PIN };
  assert.equal(loadConfig(env).pkcs11.pin, PIN);
  assert.equal(env.PKCS11_PIN, PIN);
});
