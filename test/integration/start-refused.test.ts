// A start refused by its configuration, as an operator sees it: the real binary, one line on stderr naming every
// bad variable (or the configuration file's variable and entry), never a value, exit 2 (README.md "Configuration").
// Regression: "LOG_LEVEL=verbose" crashed the start with a stack trace and exit 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));

function serve(env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, "serve"], {
    env: { ...process.env, PORT: "0", OPS_PORT: "0", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("regression: LOG_LEVEL=verbose stops the start with one line naming LOG_LEVEL and exit 2 (was a stack trace, exit 1)", () => {
  const { status, stdout, stderr } = serve({ LOG_LEVEL: "verbose" });
  assert.equal(status, 2);
  assert.equal(stderr, "dcc-converter: configuration error: LOG_LEVEL is missing or invalid\n");
  assert.equal(stdout, "");
});

test("three bad variables at once: one start names all three, in one line, without their values", () => {
  const { status, stderr } = serve({ PORT: "eighty", LOG_LEVEL: "verbose", PKCS11_SESSIONS: "999" });
  assert.equal(status, 2);
  assert.equal(stderr, "dcc-converter: configuration error: PORT, LOG_LEVEL, PKCS11_SESSIONS are missing or invalid\n");
  assert.ok(!/eighty|verbose|999/.test(stderr));
});

test("a configuration file's problem gets the same line: its variable and, for a list, the entry", () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-start-refused-"));
  const signers = join(dir, "signers.json");
  writeFileSync(signers, JSON.stringify([{ types: ["x-secret-type"], certificate: "dsc.pem", key: "pkcs11:object=dsc" }]));
  const apiKeys = join(dir, "api-keys.json");
  writeFileSync(apiKeys, "{ not json: secret-value");
  const bad = serve({ DCC_SIGNERS: signers });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "dcc-converter: configuration error: DCC_SIGNERS[0] is missing or invalid\n");
  const notJson = serve({ API_KEYS_FILE: apiKeys });
  assert.equal(notJson.status, 2);
  assert.equal(notJson.stderr, "dcc-converter: configuration error: API_KEYS_FILE is missing or invalid\n");
  assert.ok(!/secret/.test(bad.stderr + notJson.stderr));
});
