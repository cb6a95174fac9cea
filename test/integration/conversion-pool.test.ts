// The conversion workers (src/workers/conversion-pool.ts) that every conversion goes through, on a TEMPORARY
// SoftHSM token: a worker converts the whole document and signs on PKCS#11 sessions of its own
// (src/hsm/worker-sessions.ts); its DCC verifies and carries the calling thread's UVCI and payload; a refusal keeps
// its code, field and class; the revocation list shared with the workers decides; a dead vault thread or a dead
// worker fails documents with a code, never a hang, and the library is taken over by the next vault thread;
// a closed pool refuses.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter, once } from "node:events";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { loadConfig } from "../../src/config.js";
import { convertDocument, prepareConversion, systemClock, type Conversion, type ConversionDeps } from "../../src/convert.js";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { ConverterError, HsmError } from "../../src/errors.js";
import { openKeyVault, startVaultThread, type HsmKeyVault } from "../../src/hsm/key-vault.js";
import { SessionGate } from "../../src/hsm/session-gate.js";
import { HashStoreBuilder } from "../../src/revocation/hash-store.js";
import { documentDigest } from "../../src/revocation/hashes.js";
import { EMPTY_STORES, shareStores, type SharedListStores } from "../../src/revocation/revocation-list.js";
import { emptyRevocationList } from "../../src/revocation/list-in-force.js";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import {
  conversionWorkerConfig,
  conversionWorkerScript,
  createConverter,
  createWorkerPool,
  loadPreparationData,
  startConversionWorker,
  type ConversionSources,
  type ConversionWorkerConfig,
} from "../../src/workers/conversion-pool.js";
import { recordingStarter } from "../support/recording-starter.js";
import { createTempToken } from "../support/temp-token.js";

const dir = mkdtempSync(join(tmpdir(), "conversion-pool-"));
const config = loadConfig({ NODE_ENV: "development", CONVERSION_WORKERS: "2", PKCS11_PIN: "pin-that-must-stay-home" });
let vault: HsmKeyVault;
let inline: ConversionDeps;
let workerConfig: ConversionWorkerConfig;
let sources: ConversionSources;
// One vault for the file (SoftHSM is initialised once per process): the last test ends its thread.
const vaultThreads = recordingStarter(startVaultThread);
/** The vault's availability changes, as events to await. */
const availability = new EventEmitter();

before(async () => {
  const token = await createTempToken(dir);
  vault = await openKeyVault(
    {
      ...token,
      softhsmConf: join(dir, "softhsm2.conf"),
      reconnectBackoff: { initialMs: 20, maxMs: 100 },
      onAvailabilityChange: (available) => availability.emit(available ? "available" : "unavailable"),
    },
    vaultThreads.start,
  );
  const { trust, tables, mapping, valueSets } = loadPreparationData(config);
  const revocations = emptyRevocationList();
  inline = { trust, tables, mapping, valueSets, vault, revocations, clock: systemClock, validity: config.validity };
  workerConfig = conversionWorkerConfig(config, vault.workerHsm);
  sources = { vault, revocations };
});

after(async () => {
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

function poolOf(threads: number, maxPending = 100, start = startConversionWorker, with_: Partial<ConversionSources> = {}) {
  return createWorkerPool(workerConfig, { ...sources, ...with_ }, { threads, maxPending }, start);
}

function refusalOf(run: () => unknown): ConverterError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConverterError) return error;
  }
  assert.fail("expected a refusal");
}

/** What a worker's DCC must share with the calling thread's, and that it verifies with the vault's DSCs now. */
function assertLike(conversion: Conversion, expected: Conversion): void {
  assert.deepEqual(
    { type: conversion.type, uvci: conversion.uvci, kid: conversion.kid, payload: conversion.payload },
    { type: expected.type, uvci: expected.uvci, kid: expected.kid, payload: expected.payload },
  );
  const report = verifyHc1(conversion.dcc, { certificates: vault.signers.map((signer) => signer.certificate), at: new Date() });
  assert.equal(report.valid, true, JSON.stringify(report.stages));
  assert.equal("encoded" in conversion, false, "a worker answers the summary, not the intermediates");
}

test("the workers convert the specimen as the calling thread does, many at once, and their DCCs verify", async () => {
  const pool = poolOf(2);
  try {
    const expected = await convertDocument(SPECIMEN_2DDOC, inline);
    const results = await Promise.all(Array.from({ length: 100 }, () => pool.convert(SPECIMEN_2DDOC)));
    for (const conversion of results) assertLike(conversion, expected);
    const prepared = await pool.prepare(SPECIMEN_2DDOC);
    assert.deepEqual(Buffer.from(prepared.sourceBytes), Buffer.from(prepareConversion(SPECIMEN_2DDOC, inline).sourceBytes));
  } finally {
    await pool.close();
  }
});

test("with PKCS11_CALLS=threadpool the workers sign with C_SignAsync on several sessions of their own, and their DCCs verify", async () => {
  const threadpool = createWorkerPool({ ...workerConfig, hsm: { ...workerConfig.hsm, calls: "threadpool", sessions: 3 } }, sources, {
    threads: 2,
    maxPending: 100,
  });
  try {
    const expected = await convertDocument(SPECIMEN_2DDOC, inline);
    for (const conversion of await Promise.all(Array.from({ length: 40 }, () => threadpool.convert(SPECIMEN_2DDOC))))
      assertLike(conversion, expected);
  } finally {
    await threadpool.close();
  }
});

test("refusals keep their code, field and class across the thread boundary", async () => {
  const pool = poolOf(1);
  try {
    const tampered = SPECIMEN_2DDOC.slice(0, -4) + (SPECIMEN_2DDOC.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const document of [tampered, "DC04FR03", "not a 2D-DOC", ""]) {
      const expected = refusalOf(() => prepareConversion(document, inline));
      for (const run of [() => pool.convert(document), () => pool.prepare(document)]) {
        await assert.rejects(run(), (error: unknown) => {
          assert.ok(error instanceof ConverterError);
          assert.equal(error.constructor, expected.constructor);
          assert.deepEqual({ code: error.code, field: error.field }, { code: expected.code, field: expected.field });
          return true;
        });
      }
    }
  } finally {
    await pool.close();
  }
});

test("the workers check the revocation list they are given: a swap revokes the document at once, another swap lifts it", async () => {
  const listeners = new Set<(stores: SharedListStores) => void>();
  let inForce = shareStores(EMPTY_STORES);
  const revocations = {
    share(listener: (stores: SharedListStores) => void) {
      listeners.add(listener);
      listener(inForce);
      return () => void listeners.delete(listener);
    },
  };
  const swap = (stores: SharedListStores) => {
    inForce = stores;
    for (const listener of listeners) listener(stores);
  };
  const pool = poolOf(2, 100, startConversionWorker, { revocations });
  try {
    assert.equal((await pool.convert(SPECIMEN_2DDOC)).type, "vaccination");
    const builder = new HashStoreBuilder(1);
    builder.add(documentDigest(prepareConversion(SPECIMEN_2DDOC, inline).sourceBytes).subarray(0, 16));
    swap(shareStores({ ...EMPTY_STORES, "2DDOC": builder.build() }));
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => pool.convert(SPECIMEN_2DDOC)));
    for (const outcome of outcomes) assert.equal(outcome.status === "rejected" && (outcome.reason as ConverterError).code, "ERR_REVOKED");
    swap(shareStores(EMPTY_STORES));
    assert.equal((await pool.convert(SPECIMEN_2DDOC)).type, "vaccination");
  } finally {
    await pool.close();
  }
  assert.equal(listeners.size, 0, "a worker that ends stops listening");
});

test("CONVERSION_WORKERS=0 converts on the calling thread", async () => {
  const onThread = createConverter({ ...config, conversionWorkers: 0 }, inline, sources);
  assertLike(await onThread.convert(SPECIMEN_2DDOC), await convertDocument(SPECIMEN_2DDOC, inline));
  await onThread.close();
});

test("a closed pool refuses new work with ERR_INTERNAL", async () => {
  const closing = poolOf(1, 10);
  await closing.convert(SPECIMEN_2DDOC);
  await closing.close();
  await assert.rejects(closing.convert(SPECIMEN_2DDOC), { code: "ERR_INTERNAL" });
  await assert.rejects(closing.prepare(SPECIMEN_2DDOC), { code: "ERR_INTERNAL" });
});

test("a flood beyond CONVERSION_QUEUE_MAX is refused at once with ERR_OVERLOADED (workers); the documents inside convert", async () => {
  const bounded = poolOf(1, 8);
  try {
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => bounded.convert(SPECIMEN_2DDOC)));
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 8);
    assert.equal(refused.length, 12);
    for (const outcome of refused)
      assert.deepEqual({ ...(outcome.reason as ConverterError) }, { code: "ERR_OVERLOADED", field: "workers" });
    // the bound is on what waits, not a fuse: once drained, the pool converts again
    assert.equal((await bounded.convert(SPECIMEN_2DDOC)).type, "vaccination");
  } finally {
    await bounded.close();
  }
});

test("the conversion workers are given no PIN, no key URI: neither in their workerData nor in their environment", () => {
  process.env["PKCS11_PIN"] = "pin-that-must-stay-home";
  try {
    const { options } = conversionWorkerScript(conversionWorkerConfig(config, vault.workerHsm));
    assert.equal(config.pkcs11.pin, "pin-that-must-stay-home");
    const given = JSON.stringify({ workerData: options.workerData, env: options.env });
    assert.doesNotMatch(given, /pin-that-must-stay-home/);
    assert.doesNotMatch(given, /PKCS11_PIN|"pin"|pkcs11:/i);
    assert.deepEqual(Object.keys(options.workerData as object).sort(), [
      "hsm",
      "hsmQueueMax",
      "issuers",
      "mappingsDir",
      "positiveTest",
      "trustBundleFile",
      "validity",
    ]);
    assert.deepEqual(Object.keys((options.workerData as ConversionWorkerConfig).hsm).sort(), [
      "calls",
      "gate",
      "modulePath",
      "sealSigners",
      "sessions",
      "signers",
    ]);
  } finally {
    delete process.env["PKCS11_PIN"];
  }
});

test("a worker's environment really lacks the PIN (read back from inside the thread)", async () => {
  process.env["PKCS11_PIN"] = "pin-that-must-stay-home";
  let options;
  try {
    options = conversionWorkerScript(workerConfig).options;
  } finally {
    delete process.env["PKCS11_PIN"];
  }
  const worker = new Worker(
    "require('node:worker_threads').parentPort.postMessage(JSON.stringify({ env: process.env, data: require('node:worker_threads').workerData }))",
    { eval: true, env: options.env, workerData: options.workerData },
  );
  const [seen] = (await once(worker, "message")) as [string];
  await worker.terminate();
  assert.doesNotMatch(seen, /pin-that-must-stay-home|PKCS11_PIN/);
});

test("a conversion worker that dies fails its documents with ERR_INTERNAL and is replaced at the next document", async () => {
  const { start, started } = recordingStarter(startConversionWorker);
  const single = poolOf(1, 100, start);
  try {
    assert.equal((await single.convert(SPECIMEN_2DDOC)).type, "vaccination");
    const [first] = started;
    assert.ok(first);
    const exited = once(first, "exit");
    const inFlight = Promise.allSettled(Array.from({ length: 8 }, () => single.convert(SPECIMEN_2DDOC)));
    await first.terminate();
    await exited;
    for (const outcome of await inFlight) {
      // converted before the thread died, or failed as an internal error: never a hang
      if (outcome.status === "fulfilled") assert.equal(outcome.value.type, "vaccination");
      else assert.equal((outcome.reason as ConverterError).code, "ERR_INTERNAL");
    }
    assert.equal((await single.convert(SPECIMEN_2DDOC)).type, "vaccination");
    assert.equal(started.length, 2);
  } finally {
    await single.close();
  }
});

test("a conversion worker refused at start fails every document with its error and is not started again", async () => {
  const { start, attempts } = recordingStarter(startConversionWorker);
  const refused = createWorkerPool(
    { ...workerConfig, mappingsDir: "/nonexistent-mappings" },
    sources,
    { threads: 1, maxPending: 10 },
    start,
  );
  try {
    await assert.rejects(refused.convert(SPECIMEN_2DDOC), { code: "ERR_CONFIG" });
    await assert.rejects(refused.convert(SPECIMEN_2DDOC), { code: "ERR_CONFIG" });
    assert.equal(attempts(), 1);
  } finally {
    await refused.close();
  }
});

test("the token goes away and comes back while the workers sign: the vault thread reconnects with their calls kept out, never a crash; then they sign with the new connection", async () => {
  const pool = poolOf(2);
  const gate = new SessionGate(vault.workerHsm.gate);
  const tokens = join(dir, "tokens");
  try {
    assert.equal((await pool.convert(SPECIMEN_2DDOC)).type, "vaccination");
    const before = gate.generation;
    let stop = false;
    const outcomes: PromiseSettledResult<Conversion>[] = [];
    const rounds = new EventEmitter(); // each round of 16 conversions settled, with its outcomes
    const load = (async () => {
      while (!stop) {
        const round = await Promise.allSettled(Array.from({ length: 16 }, () => pool.convert(SPECIMEN_2DDOC)));
        outcomes.push(...round);
        rounds.emit("round", round);
      }
    })();
    await once(rounds, "round"); // the workers are signing: the next round is in flight
    const reconnected = once(availability, "available");
    renameSync(tokens, `${tokens}.away`);
    // The probe signs with the token object itself: it sees the token gone, and the link starts reconnecting.
    await assert.rejects(vault.probe(), { code: "ERR_HSM_UNAVAILABLE" });
    // The token stays away until the workers have met the outage: a round with a refusal.
    for (;;) {
      const [round] = (await once(rounds, "round")) as [PromiseSettledResult<Conversion>[]];
      if (round.some((outcome) => outcome.status === "rejected")) break;
    }
    renameSync(`${tokens}.away`, tokens);
    await reconnected;
    stop = true;
    await load;
    assert.ok(gate.generation > before, "a new connection after the token came back");
    assert.ok(
      outcomes.some((outcome) => outcome.status === "fulfilled"),
      "documents were signed around the outage",
    );
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") assert.equal(outcome.value.type, "vaccination");
      else assert.ok(outcome.reason instanceof HsmError && outcome.reason.code === "ERR_HSM_UNAVAILABLE", String(outcome.reason));
    }
    const again = await pool.convert(SPECIMEN_2DDOC);
    const report = verifyHc1(again.dcc, { certificates: vault.signers.map((signer) => signer.certificate), at: new Date() });
    assert.equal(report.valid, true);
    assert.equal(gate.active, 0, "no worker call is left inside the gate");
  } finally {
    await pool.close();
  }
});

test("a vault thread that dies shuts the workers' sessions out, never a hang; the next thread takes the library over and the workers sign again", async () => {
  const pool = poolOf(2);
  const gate = new SessionGate(vault.workerHsm.gate);
  try {
    assert.equal((await pool.convert(SPECIMEN_2DDOC)).type, "vaccination");
    const [first] = vaultThreads.started;
    assert.ok(first);
    assert.equal(vaultThreads.started.length, 1);
    const before = gate.generation;
    assert.ok(before >= 1, "the gate is open for the connection in force");
    const exited = once(first, "exit");
    const inFlight = Promise.allSettled(Array.from({ length: 64 }, () => pool.convert(SPECIMEN_2DDOC)));
    await first.terminate(); // what a crash of the vault thread looks like
    await exited;
    // The workers sign without the vault thread, so a document in flight may still be signed; none hangs, and
    // none fails with anything but an outage.
    for (const outcome of await inFlight) {
      if (outcome.status === "fulfilled") assert.equal(outcome.value.type, "vaccination");
      else assert.ok(outcome.reason instanceof HsmError && outcome.reason.code === "ERR_HSM_UNAVAILABLE", String(outcome.reason));
    }
    assert.equal(gate.generation, 0, "the dead thread's connection is shut to the workers");
    // The first reconnect after an outage may run at once: the next document starts a vault thread, which finds
    // the library still initialised (the workers hold it), takes it over, and hands the workers new handles.
    const again = await pool.convert(SPECIMEN_2DDOC);
    assert.equal(again.type, "vaccination");
    assert.equal(vaultThreads.started.length, 2);
    assert.ok(gate.generation > before, "a new connection number: no worker reuses a session of the dead thread's");
    assert.equal(gate.active, 0);
    const report = verifyHc1(again.dcc, { certificates: vault.signers.map((signer) => signer.certificate), at: new Date() });
    assert.equal(report.valid, true);
  } finally {
    await pool.close();
  }
});
