// Configuration: production refuses to start without each secret, naming the variable, never its value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";

const dir = mkdtempSync(join(tmpdir(), "dcc-config-"));
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

test("a complete production configuration loads, frozen, with production defaults", () => {
  const config = loadConfig(production);
  assert.equal(config.production, true);
  assert.equal(config.host, "0.0.0.0");
  assert.equal(config.port, 8080);
  assert.equal(config.pkcs11.softhsmConf, undefined);
  assert.equal(config.validity.t, 72 * 3600);
  assert.equal(config.pkcs11.sessions, 8);
  assert.equal(config.conversionWorkers, 2);
  assert.equal(config.conversionQueueMax, 4096);
  assert.equal(config.hsmQueueMax, 4096);
  assert.ok(Object.isFrozen(config) && Object.isFrozen(config.pkcs11));
});

for (const variable of ["PKCS11_MODULE", "DCC_SIGNERS", "UVCI_KEY", "TAC_KEYS", "API_KEYS_FILE"] as const) {
  test(`production refuses to start without ${variable}, naming it and not the values`, () => {
    const env: Record<string, string | undefined> = { ...production, [variable]: undefined };
    assert.throws(
      () => loadConfig(env),
      (error: Error & { code?: string; field?: string }) => {
        assert.equal(error.code, "ERR_CONFIG");
        assert.equal(error.field, variable);
        assert.ok(!error.message.includes(production.PKCS11_PIN));
        return true;
      },
    );
  });
}

test("production refuses to start without a PIN (neither PKCS11_PIN nor PKCS11_PIN_FILE)", () => {
  assert.throws(() => loadConfig({ ...production, PKCS11_PIN: undefined }), { code: "ERR_CONFIG", field: "PKCS11_PIN" });
});

test("the PIN may come from a file; an empty PIN file is refused", () => {
  const config = loadConfig({ ...production, PKCS11_PIN: undefined, PKCS11_PIN_FILE: file("pin", "4321\n") });
  assert.equal(config.pkcs11.pin, "4321");
  assert.throws(() => loadConfig({ ...production, PKCS11_PIN: undefined, PKCS11_PIN_FILE: file("empty-pin", "\n") }), {
    code: "ERR_CONFIG",
    field: "PKCS11_PIN_FILE",
  });
});

test("invalid values are refused with the variable's name", () => {
  assert.throws(() => loadConfig({ ...production, PORT: "eighty" }), { code: "ERR_CONFIG", field: "PORT" });
  assert.throws(() => loadConfig({ ...production, PORT: "70000" }), { code: "ERR_CONFIG", field: "PORT" });
  assert.throws(() => loadConfig({ ...production, POSITIVE_TEST: "maybe" }), { code: "ERR_CONFIG", field: "POSITIVE_TEST" });
  assert.throws(() => loadConfig({ ...production, CONVERSION_WORKERS: "-1" }), { code: "ERR_CONFIG", field: "CONVERSION_WORKERS" });
  assert.throws(() => loadConfig({ ...production, CONVERSION_WORKERS: "65" }), { code: "ERR_CONFIG", field: "CONVERSION_WORKERS" });
  assert.throws(() => loadConfig({ ...production, PKCS11_SESSIONS: "0" }), { code: "ERR_CONFIG", field: "PKCS11_SESSIONS" });
  assert.equal(loadConfig({ ...production, CONVERSION_WORKERS: "0" }).conversionWorkers, 0, "0 = the main thread");
  assert.equal(loadConfig(production).pkcs11.calls, "inline", "C_Sign on the vault thread unless told otherwise");
  assert.equal(loadConfig({ ...production, PKCS11_CALLS: " threadpool " }).pkcs11.calls, "threadpool");
  for (const value of ["async", "INLINE", "inline,threadpool"]) {
    assert.throws(() => loadConfig({ ...production, PKCS11_CALLS: value }), { code: "ERR_CONFIG", field: "PKCS11_CALLS" });
  }
  for (const variable of ["CONVERSION_QUEUE_MAX", "HSM_QUEUE_MAX"]) {
    assert.throws(() => loadConfig({ ...production, [variable]: "0" }), { code: "ERR_CONFIG", field: variable });
    assert.throws(() => loadConfig({ ...production, [variable]: "many" }), { code: "ERR_CONFIG", field: variable });
  }
  assert.equal(loadConfig({ ...production, HSM_QUEUE_MAX: "64" }).hsmQueueMax, 64);
  assert.throws(() => loadConfig({ ...production, DCC_SIGNERS: join(dir, "missing.json") }), { code: "ERR_CONFIG", field: "DCC_SIGNERS" });
  assert.throws(() => loadConfig({ ...production, TWODDOC_TRUST_BUNDLE: join(dir, "missing.pem") }), {
    code: "ERR_CONFIG",
    field: "TWODDOC_TRUST_BUNDLE",
  });
});

test("development falls back to the development token and localhost, with no API rate limit", () => {
  const devDir = mkdtempSync(join(tmpdir(), "dcc-devtoken-"));
  writeFileSync(join(devDir, "pin"), "1234\n");
  writeFileSync(join(devDir, "signers.json"), "[]");
  writeFileSync(join(devDir, "tac-keys.json"), "{}");
  writeFileSync(join(devDir, "uvci-key.uri"), "pkcs11:token=dcc-dev;object=uvci-hmac;type=secret-key\n");
  const config = loadConfig({ DCC_DEV_DIR: devDir });
  assert.equal(config.production, false);
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.pkcs11.pin, "1234");
  assert.equal(config.pkcs11.softhsmConf, join(devDir, "softhsm2.conf"));
  assert.equal(config.uvciKeyUri, "pkcs11:token=dcc-dev;object=uvci-hmac;type=secret-key");
  assert.equal(config.rateLimits.apiPerMinute, 0);
  assert.equal(config.apiKeysFile, undefined);
});

test("REVOCATION_UPLOAD_SIGNER: the development token's upload signer in development when hsm init made one; none in production", () => {
  const devDir = mkdtempSync(join(tmpdir(), "dcc-devtoken-"));
  for (const [name, content] of [
    ["pin", "1234\n"],
    ["signers.json", "[]"],
    ["tac-keys.json", "{}"],
    ["uvci-key.uri", "pkcs11:token=dcc-dev;object=uvci-hmac;type=secret-key\n"],
  ]) {
    writeFileSync(join(devDir, name!), content!);
  }
  assert.equal(
    loadConfig({ DCC_DEV_DIR: devDir }).revocation.uploadSignerFile,
    undefined,
    "an older token without upload-signer.json: unsigned",
  );
  writeFileSync(join(devDir, "upload-signer.json"), "{}");
  assert.equal(loadConfig({ DCC_DEV_DIR: devDir }).revocation.uploadSignerFile, join(devDir, "upload-signer.json"));
  const configured = file("upload-signer.json", "{}");
  assert.equal(loadConfig({ DCC_DEV_DIR: devDir, REVOCATION_UPLOAD_SIGNER: configured }).revocation.uploadSignerFile, configured);
  assert.equal(loadConfig({ ...production, DCC_DEV_DIR: devDir }).revocation.uploadSignerFile, undefined, "production: none unless set");
  assert.equal(loadConfig({ ...production, REVOCATION_UPLOAD_SIGNER: configured }).revocation.uploadSignerFile, configured);
  assert.throws(() => loadConfig({ ...production, REVOCATION_UPLOAD_SIGNER: join(dir, "missing.json") }), {
    code: "ERR_CONFIG",
    field: "REVOCATION_UPLOAD_SIGNER",
  });
});

test("operations, client addresses, shutdown and batch bounds: defaults, and X-Forwarded-For not believed in production", () => {
  const config = loadConfig(production);
  assert.equal(config.opsPort, 9090);
  assert.equal(config.trustProxy, false, "no TRUST_PROXY: the socket peer, production included");
  assert.equal(config.readinessCacheSeconds, 5);
  assert.equal(config.shutdownDelaySeconds, 5, "production waits for load balancers");
  assert.equal(config.batch.maxConcurrent, 4);
  const development = loadConfig({ ...production, NODE_ENV: undefined });
  assert.equal(development.shutdownDelaySeconds, 0);
  const tuned = loadConfig({
    ...production,
    OPS_PORT: "0",
    TRUST_PROXY: "10.0.0.0/8,192.0.2.1",
    SHUTDOWN_DELAY_SECONDS: "1",
    BATCH_MAX_CONCURRENT: "2",
  });
  assert.deepEqual(
    [tuned.opsPort, tuned.trustProxy, tuned.shutdownDelaySeconds, tuned.batch.maxConcurrent],
    [0, ["10.0.0.0/8", "192.0.2.1"], 1, 2],
  );
  assert.equal(loadConfig({ ...production, TRUST_PROXY: "1" }).trustProxy, 1);
  for (const [variable, value] of [
    ["TRUST_PROXY", "everyone"],
    ["OPS_PORT", "x"],
    ["BATCH_MAX_CONCURRENT", "0"],
    ["SHUTDOWN_DELAY_SECONDS", "-1"],
    ["READINESS_CACHE_SECONDS", "soon"],
  ]) {
    assert.throws(() => loadConfig({ ...production, [variable!]: value }), { code: "ERR_CONFIG", field: variable }, variable);
  }
});

test("LOG_LEVEL is one of pino's levels; any other value is refused, naming it", () => {
  assert.equal(loadConfig(production).logLevel, "info");
  assert.equal(loadConfig({ ...production, LOG_LEVEL: " debug " }).logLevel, "debug");
  for (const value of ["verbose", "INFO", "10"]) {
    assert.throws(() => loadConfig({ ...production, LOG_LEVEL: value }), { code: "ERR_CONFIG", field: "LOG_LEVEL" }, value);
  }
});

test("every bad variable of one start is named, in the order of the configuration, none of their values", () => {
  const env = { ...production, PORT: "eighty", LOG_LEVEL: "verbose", PKCS11_CALLS: "async", HSM_QUEUE_MAX: "0", UVCI_KEY: undefined };
  assert.throws(
    () => loadConfig(env),
    (error: Error & { code?: string; field?: string }) => {
      assert.equal(error.code, "ERR_CONFIG");
      assert.equal(error.field, "PORT, LOG_LEVEL, PKCS11_CALLS, UVCI_KEY, HSM_QUEUE_MAX");
      assert.ok(!/eighty|verbose|async/.test(error.message));
      return true;
    },
  );
});

// ICAO_SIGNERS and ICAO_CSCA (docs/international-format.md, "Keys and certificates"): both or neither; half a
// configuration stops the start naming the missing variable; neither in production = the international format off.
const icaoSigners = file("icao-signers.json", "[]");
const icaoCsca = file("icao-csca.pem");

test("production without ICAO_SIGNERS and ICAO_CSCA: the international format is off", () => {
  assert.equal(loadConfig(production).icao, undefined);
});

test("both given: the format is on with those files", () => {
  const icao = loadConfig({ ...production, ICAO_SIGNERS: icaoSigners, ICAO_CSCA: icaoCsca }).icao;
  assert.deepEqual(icao, { signersFile: icaoSigners, cscaFile: icaoCsca });
});

test("ICAO in development: the token's files when hsm init made both, else off", () => {
  const devDir = mkdtempSync(join(tmpdir(), "dcc-devtoken-"));
  const uvciKey = "pkcs11:token=dcc-dev;object=uvci-hmac;type=secret-key\n";
  for (const [name, content] of [
    ["pin", "1234\n"],
    ["signers.json", "[]"],
    ["tac-keys.json", "{}"],
    ["uvci-key.uri", uvciKey],
  ]) {
    writeFileSync(join(devDir, name!), content!);
  }
  assert.equal(loadConfig({ DCC_DEV_DIR: devDir }).icao, undefined, "an older token without the ICAO files: off");
  writeFileSync(join(devDir, "icao-signers.json"), "[]");
  writeFileSync(join(devDir, "icao-csca.pem"), "x");
  const development = { signersFile: join(devDir, "icao-signers.json"), cscaFile: join(devDir, "icao-csca.pem") };
  assert.deepEqual(loadConfig({ DCC_DEV_DIR: devDir }).icao, development);
  assert.equal(loadConfig({ ...production, DCC_DEV_DIR: devDir }).icao, undefined, "production: none unless set");
  assert.throws(() => loadConfig({ DCC_DEV_DIR: devDir, ICAO_SIGNERS: icaoSigners }), { code: "ERR_CONFIG", field: "ICAO_CSCA" });
});

test("half a configuration is refused naming the variable that is missing", () => {
  assert.throws(() => loadConfig({ ...production, ICAO_SIGNERS: icaoSigners }), { code: "ERR_CONFIG", field: "ICAO_CSCA" });
  assert.throws(() => loadConfig({ ...production, ICAO_CSCA: icaoCsca }), { code: "ERR_CONFIG", field: "ICAO_SIGNERS" });
  const absent = join(dir, "absent.json");
  const refusal = { code: "ERR_CONFIG", field: "ICAO_SIGNERS" };
  assert.throws(() => loadConfig({ ...production, ICAO_SIGNERS: absent, ICAO_CSCA: icaoCsca }), refusal);
});
