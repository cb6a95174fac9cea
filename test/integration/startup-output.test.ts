// Regression: "start-up banner in production" — the specimen identity and a curl line were printed at every
// start, production included, in a stream that is otherwise JSON log lines. The real binary, started as an
// operator would and stopped with SIGTERM: in production every stdout line is a JSON log line and the
// specimen appears nowhere; in development the banner is there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { hashApiKey } from "../../src/http/auth.js";

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));
const DEV = fileURLToPath(new URL("../../.softhsm/", import.meta.url));
const SPECIMEN_NAME = "AZAY LE RIDEAU"; // the specimen identity of the development banner

function productionEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "dcc-startup-"));
  const apiKeys = join(dir, "api-keys.json");
  writeFileSync(
    apiKeys,
    JSON.stringify([{ name: "ops-check", keyHash: hashApiKey(randomBytes(32).toString("base64url")), scopes: ["convert"] }]),
  );
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    OPS_PORT: "0",
    HOST: "127.0.0.1",
    SHUTDOWN_DELAY_SECONDS: "0",
    API_KEYS_FILE: apiKeys,
    PKCS11_MODULE: "/usr/lib/softhsm/libsofthsm2.so",
    PKCS11_PIN: readFileSync(join(DEV, "pin"), "utf8").trim(),
    SOFTHSM2_CONF: join(DEV, "softhsm2.conf"),
    DCC_SIGNERS: join(DEV, "signers.json"),
    UVCI_KEY: readFileSync(join(DEV, "uvci-key.uri"), "utf8").trim(),
    TAC_KEYS: join(DEV, "tac-keys.json"),
  };
}

// Loaded before the service in the child: on SIGTERM (after start-up) it reports whether PKCS11_PIN is still
// in the service's own process.env, on stderr.
const ENV_PROBE = `data:text/javascript,${encodeURIComponent(
  'process.once("SIGTERM", () => process.stderr.write(`PIN_IN_ENV=${"PKCS11_PIN" in process.env}\\n`));',
)}`;

interface Output {
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `dcc-converter serve`, waits for the "listening" log line, stops it with SIGTERM; its output. */
async function startAndStop(env: NodeJS.ProcessEnv): Promise<Output> {
  const child = spawn(process.execPath, ["--import", ENV_PROBE, BIN, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (stdout.includes('"event":"listening"')) resolve();
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 300)); // anything printed right after "listening"
  child.kill("SIGTERM");
  assert.equal(await exited, 0, stderr);
  return { stdout, stderr };
}

test("start-up banner in production: stdout is JSON log lines only, no specimen, no curl line", async () => {
  const { stdout } = await startAndStop(productionEnv());
  const lines = stdout.split("\n").filter((line) => line.trim() !== "");
  assert.ok(lines.length > 0);
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not a JSON log line: ${line}`);
  assert.ok(!stdout.includes(SPECIMEN_NAME) && !stdout.includes("curl"), stdout);
});

test("start-up banner in development: the URL and a ready-to-paste curl example", async () => {
  const { stdout } = await startAndStop({ ...process.env, NODE_ENV: "development", PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1" });
  assert.match(stdout, /dcc-converter listening on http:\/\/127\.0\.0\.1:\d+/);
  assert.ok(stdout.includes("curl -s -X POST") && stdout.includes(SPECIMEN_NAME), stdout);
  assert.ok(stdout.includes("npm run verifier"), "the banner says how to start the verification service");
});

test("PIN left in process.env: the running production service no longer has PKCS11_PIN in its environment", async () => {
  const env = productionEnv();
  const { stdout, stderr } = await startAndStop(env);
  assert.match(stderr, /PIN_IN_ENV=false/, "the probe reported (the check could fail)");
  assert.ok(!stdout.includes(env["PKCS11_PIN"]!) && !stderr.includes(env["PKCS11_PIN"]!));
});
