// The TAC router in process, with a stub vault: an unavailable HSM is 503 + Retry-After in the TAC format,
// a rate-limited client gets 429 in the TAC format, and the outcome is counted per protocol version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { generateKeyPairSync } from "node:crypto";
import express from "express";
import request from "supertest";
import { HsmError } from "../../../src/errors.js";
import { createLogger } from "../../../src/logging.js";
import { createMetrics } from "../../../src/metrics.js";
import type { AppDeps } from "../../../src/http/deps.js";
import { requestContext } from "../../../src/http/request-context.js";
import { TAC_V2_PATH, TAC_KEYS_PATH, tacRoutes } from "../../../src/http/tac-routes.js";

function appWith(deriveSharedSecret: () => Promise<Buffer>, tacPerMinute = 100) {
  const logs: string[] = [];
  const logger = createLogger("info", new Writable({ write: (chunk, _e, done) => (logs.push(String(chunk)), done()) }));
  const metrics = createMetrics();
  const deps = {
    config: { rateLimits: { tacPerMinute, apiPerMinute: 0 } },
    conversion: { vault: { keyAgreementKeys: { dev01: "MFkw-spki" }, deriveSharedSecret } },
    logger,
    metrics,
    tablesVersion: "test",
    apiClients: undefined,
  } as unknown as AppDeps;
  const app = express();
  app.use(requestContext(logger, metrics));
  app.use(tacRoutes(deps));
  return { app, metrics, logs };
}

const body = { chainEncoded: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", source: "DEUX_D_DOC", destination: "DGCA" };
const query = () => ({
  keyAlias: "dev01",
  publicKey: generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "der" }).toString("base64"),
});

test("an unavailable HSM is 503 SERVICE_UNAVAILABLE with Retry-After", async () => {
  const { app, metrics } = appWith(async () => {
    throw new HsmError("ERR_HSM_UNAVAILABLE");
  });
  const response = await request(app).post(TAC_V2_PATH).query(query()).send(body);
  assert.equal(response.status, 503);
  assert.ok(Number(response.headers["retry-after"]) >= 1);
  assert.deepEqual(Object.keys(response.body as object).sort(), ["codeError", "msgError"]);
  assert.equal((response.body as { codeError: string }).codeError, "SERVICE_UNAVAILABLE");
  assert.match(await metrics.registry.metrics(), /dcc_tac_requests_total\{version="v2",outcome="ERR_HSM_UNAVAILABLE"\} 1/);
});

test("a full HSM queue (ERR_OVERLOADED) is 503 SERVICE_UNAVAILABLE with Retry-After, counted by its queue", async () => {
  const { app, metrics } = appWith(async () => {
    throw new HsmError("ERR_OVERLOADED", { field: "hsm" });
  });
  const response = await request(app).post(TAC_V2_PATH).query(query()).send(body);
  assert.equal(response.status, 503);
  assert.ok(Number(response.headers["retry-after"]) >= 1);
  assert.equal((response.body as { codeError: string }).codeError, "SERVICE_UNAVAILABLE");
  const text = await metrics.registry.metrics();
  assert.match(text, /^dcc_overload_refusals_total\{queue="hsm"\} 1$/m);
  assert.match(text, /^dcc_overload_refusals_total\{queue="batch"\} 0$/m);
});

test("an unexpected failure is 500 SERVER_ERROR, logged by type only", async () => {
  const { app, logs } = appWith(async () => {
    throw new Error("secret detail DC04FR03");
  });
  const response = await request(app).post(TAC_V2_PATH).query(query()).send(body);
  assert.equal(response.status, 500);
  assert.equal((response.body as { codeError: string }).codeError, "SERVER_ERROR");
  assert.ok(!response.text.includes("secret detail"));
  assert.ok(logs.some((line) => line.includes("unexpected error")));
  assert.ok(!logs.join("").includes("secret detail"));
});

test("the rate limit answers 429 TOO_MANY_REQUESTS with Retry-After, in the TAC format", async () => {
  const { app } = appWith(async () => Buffer.alloc(32), 2);
  assert.equal((await request(app).get(TAC_KEYS_PATH)).status, 200);
  assert.equal((await request(app).get(TAC_KEYS_PATH)).status, 200);
  const limited = await request(app).get(TAC_KEYS_PATH);
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers["retry-after"]) >= 1);
  assert.equal((limited.body as { codeError: string }).codeError, "TOO_MANY_REQUESTS");
});

test("the key list is the vault's live aliases", async () => {
  const { app } = appWith(async () => Buffer.alloc(32));
  const response = await request(app).get(TAC_KEYS_PATH);
  assert.deepEqual(response.body, { dev01: "MFkw-spki" });
});
