// Clients of the native API over real HTTP: Bearer key hashed in API_KEYS_FILE, scopes,
// 401/403 problem+json, the client name as a metrics label; production refuses to start without the file.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { hashApiKey } from "../../src/http/auth.js";
import { startTestService, type TestService } from "../support/service.js";
import { SPECIMEN } from "../support/own-documents.js";

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));
const DEV = fileURLToPath(new URL("../../.softhsm/", import.meta.url));
const BATCH_KEY = randomBytes(32).toString("base64url");
const ISSUE_KEY = randomBytes(32).toString("base64url");

describe("API keys", () => {
  let service: TestService;
  const document = SPECIMEN.raw;
  const batch = (headers: Record<string, string>) =>
    fetch(`${service.url}/v1/conversions/batch`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", ...headers },
      body: `${JSON.stringify({ id: "1", document })}\n`,
    });

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "dcc-auth-"));
    const file = join(dir, "api-keys.json");
    writeFileSync(
      file,
      JSON.stringify([
        { name: "sidep-batch", keyHash: hashApiKey(BATCH_KEY), scopes: ["batch"] },
        { name: "meae", keyHash: hashApiKey(ISSUE_KEY), scopes: ["issue"] },
      ]),
    );
    service = await startTestService({ API_KEYS_FILE: file });
  });
  after(() => service.close());

  test("no key: 401 ERR_AUTH_MISSING as problem+json", async () => {
    const response = await batch({});
    assert.equal(response.status, 401);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_AUTH_MISSING");
  });

  test("wrong key: 401 ERR_AUTH_INVALID, and the key is not echoed", async () => {
    const wrong = randomBytes(32).toString("base64url");
    const response = await batch({ authorization: `Bearer ${wrong}` });
    assert.equal(response.status, 401);
    const text = await response.text();
    assert.equal((JSON.parse(text) as { code: string }).code, "ERR_AUTH_INVALID");
    assert.ok(!text.includes(wrong));
    assert.ok(!service.logs.some((line) => line.includes(wrong)));
  });

  test("a key without the scope: 403 ERR_AUTH_SCOPE", async () => {
    const response = await batch({ authorization: `Bearer ${ISSUE_KEY}` });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_AUTH_SCOPE");
    const convert = await fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${BATCH_KEY}` },
      body: JSON.stringify({ document }),
    });
    assert.equal(convert.status, 403);
    assert.equal(((await convert.json()) as { code: string }).code, "ERR_AUTH_SCOPE");
  });

  test("a key with the scope: the batch runs, and the client name is a metrics label", async () => {
    const response = await batch({ authorization: `Bearer ${BATCH_KEY}` });
    assert.equal(response.status, 200);
    const line = JSON.parse((await response.text()).trim()) as { id: string; type: string };
    assert.deepEqual([line.id, line.type], ["1", "vaccination"]);
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /dcc_http_requests_total\{[^}]*status="200"[^}]*client="sidep-batch"[^}]*\} 1/);
    assert.match(metrics, /dcc_http_requests_total\{[^}]*status="403"[^}]*client="meae"[^}]*\}/);
  });
});

test("production refuses to start without API_KEYS_FILE, naming the variable only", () => {
  const pin = readFileSync(join(DEV, "pin"), "utf8").trim();
  const result = spawnSync(process.execPath, [BIN, "serve"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      API_KEYS_FILE: "",
      PKCS11_MODULE: "/usr/lib/softhsm/libsofthsm2.so",
      PKCS11_PIN: pin,
      SOFTHSM2_CONF: join(DEV, "softhsm2.conf"),
      DCC_SIGNERS: join(DEV, "signers.json"),
      UVCI_KEY: readFileSync(join(DEV, "uvci-key.uri"), "utf8").trim(),
      TAC_KEYS: join(DEV, "tac-keys.json"),
    },
    encoding: "utf8",
    timeout: 30_000,
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /API_KEYS_FILE/);
  assert.ok(!result.stderr.includes(pin));
});
