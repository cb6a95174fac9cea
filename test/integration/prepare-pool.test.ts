// The prepare workers (src/workers/prepare-pool.ts) that every conversion now goes through: their result is
// the calling thread's, byte for byte; a refusal keeps its code, field and class; a closed pool refuses.
import { after, test } from "node:test";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import assert from "node:assert/strict";
import { loadConfig } from "../../src/config.js";
import { prepareConversion, type PreparationDeps } from "../../src/convert.js";
import { ConverterError } from "../../src/errors.js";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { recordingStarter } from "../support/recording-starter.js";
import {
  createPreparer,
  createWorkerPool,
  loadPreparationData,
  prepareWorkerScript,
  startPrepareWorker,
} from "../../src/workers/prepare-pool.js";

const config = loadConfig({ NODE_ENV: "development", CONVERSION_WORKERS: "2", PKCS11_PIN: "pin-that-must-stay-home" });
const { trust, tables, mapping } = loadPreparationData(config);
const inline: PreparationDeps = { trust, tables, mapping };
const expectedType = prepareConversion(SPECIMEN_2DDOC, inline).type;
const pool = createWorkerPool(config, { threads: config.conversionWorkers, maxPending: config.conversionQueueMax });
after(() => pool.close());

/** Bytes as hex: a Buffer crosses the thread boundary as a Uint8Array with the same bytes. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

function refusalOf(run: () => unknown): ConverterError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConverterError) return error;
  }
  assert.fail("expected a refusal");
}

test("the workers prepare the specimen exactly as the calling thread does, many at once", async () => {
  const expected = prepareConversion(SPECIMEN_2DDOC, inline);
  const results = await Promise.all(Array.from({ length: 100 }, () => pool.prepare(SPECIMEN_2DDOC)));
  for (const prepared of results) assert.deepEqual(plain(prepared), plain(expected));
});

test("refusals keep their code, field and class across the thread boundary", async () => {
  const tampered = SPECIMEN_2DDOC.slice(0, -4) + (SPECIMEN_2DDOC.endsWith("AAAA") ? "BBBB" : "AAAA");
  for (const document of [tampered, "DC04FR03", "not a 2D-DOC", ""]) {
    const expected = refusalOf(() => prepareConversion(document, inline));
    await assert.rejects(pool.prepare(document), (error: unknown) => {
      assert.ok(error instanceof ConverterError);
      assert.equal(error.constructor, expected.constructor);
      assert.equal(error.code, expected.code);
      assert.equal(error.field, expected.field);
      return true;
    });
  }
});

test("CONVERSION_WORKERS=0 prepares on the calling thread with the same result", async () => {
  const onThread = createPreparer({ ...config, conversionWorkers: 0 }, inline);
  assert.deepEqual(await onThread.prepare(SPECIMEN_2DDOC), prepareConversion(SPECIMEN_2DDOC, inline));
  await onThread.close();
});

test("a closed pool refuses new work with ERR_INTERNAL", async () => {
  const closing = createWorkerPool(config, { threads: 1, maxPending: 10 });
  await closing.prepare(SPECIMEN_2DDOC);
  await closing.close();
  await assert.rejects(closing.prepare(SPECIMEN_2DDOC), { code: "ERR_INTERNAL" });
});

test("a flood beyond CONVERSION_QUEUE_MAX is refused at once with ERR_OVERLOADED (workers); the documents inside convert", async () => {
  const bounded = createWorkerPool(config, { threads: 1, maxPending: 8 });
  try {
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => bounded.prepare(SPECIMEN_2DDOC)));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 8);
    assert.equal(refused.length, 12);
    for (const outcome of refused) assert.deepEqual({ ...(outcome.reason as ConverterError) }, { code: "ERR_OVERLOADED", field: "workers" });
    // the bound is on what waits, not a fuse: once drained, the pool converts again
    assert.equal((await bounded.prepare(SPECIMEN_2DDOC)).type, expectedType);
  } finally {
    await bounded.close();
  }
});

test("the conversion workers are given no PIN: neither in their workerData nor in their environment", () => {
  process.env["PKCS11_PIN"] = "pin-that-must-stay-home";
  try {
    const { options } = prepareWorkerScript(config);
    assert.equal(config.pkcs11.pin, "pin-that-must-stay-home");
    const given = JSON.stringify({ workerData: options.workerData, env: options.env });
    assert.doesNotMatch(given, /pin-that-must-stay-home/);
    assert.doesNotMatch(given, /PKCS11_PIN|"pin"/i);
    assert.deepEqual(Object.keys(options.workerData as object).sort(), ["issuers", "mappingsDir", "positiveTest", "trustBundleFile"]);
  } finally {
    delete process.env["PKCS11_PIN"];
  }
});

test("a worker's environment really lacks the PIN (read back from inside the thread)", async () => {
  process.env["PKCS11_PIN"] = "pin-that-must-stay-home";
  let options;
  try {
    options = prepareWorkerScript(config).options;
  } finally {
    delete process.env["PKCS11_PIN"];
  }
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(JSON.stringify({ env: process.env, data: require('node:worker_threads').workerData }))", { eval: true, env: options.env, workerData: options.workerData });
  const [seen] = (await once(worker, "message")) as [string];
  await worker.terminate();
  assert.doesNotMatch(seen, /pin-that-must-stay-home|PKCS11_PIN/);
});

test("a conversion worker that dies fails its documents with ERR_INTERNAL and is replaced at the next document", async () => {
  const { start, started } = recordingStarter(startPrepareWorker);
  const single = createWorkerPool(config, { threads: 1, maxPending: 100 }, start);
  try {
    assert.equal((await single.prepare(SPECIMEN_2DDOC)).type, expectedType);
    const [first] = started;
    assert.ok(first);
    const exited = once(first, "exit");
    const inFlight = Promise.allSettled(Array.from({ length: 8 }, () => single.prepare(SPECIMEN_2DDOC)));
    await first.terminate();
    await exited;
    for (const outcome of await inFlight) {
      // prepared before the thread died, or failed as an internal error: never a hang
      if (outcome.status === "fulfilled") assert.equal(outcome.value.type, expectedType);
      else assert.equal((outcome.reason as ConverterError).code, "ERR_INTERNAL");
    }
    assert.equal((await single.prepare(SPECIMEN_2DDOC)).type, expectedType);
    assert.equal(started.length, 2);
  } finally {
    await single.close();
  }
});

test("a conversion worker refused at start fails every document with its error and is not started again", async () => {
  const { start, attempts } = recordingStarter(startPrepareWorker);
  const refused = createWorkerPool({ ...config, mappingsDir: "/nonexistent-mappings" }, { threads: 1, maxPending: 10 }, start);
  try {
    await assert.rejects(refused.prepare(SPECIMEN_2DDOC), { code: "ERR_CONFIG" });
    await assert.rejects(refused.prepare(SPECIMEN_2DDOC), { code: "ERR_CONFIG" });
    assert.equal(attempts(), 1);
  } finally {
    await refused.close();
  }
});
