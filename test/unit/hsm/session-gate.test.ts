// The session gate (src/hsm/session-gate.ts) between the vault thread and the conversion workers' own sessions:
// no call enters once it is shut, a call enters only for the connection the gate shows, and shutting with a wait
// returns only once the calls in flight are out. The in-flight call below is held by a real worker thread.
import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { SessionGate } from "../../../src/hsm/session-gate.js";

test("a new gate is shut; open gives a new connection number each time, through any view of the same memory", () => {
  const gate = new SessionGate();
  assert.equal(gate.generation, 0);
  assert.equal(gate.enter(0), false, "nothing enters a shut gate, not even for number 0");
  const first = gate.open();
  assert.ok(first >= 1);
  assert.equal(gate.generation, first);
  gate.shut();
  const other = new SessionGate(gate.buffer); // a vault thread that replaces one that died
  const second = other.open();
  assert.ok(second > first, "numbers are never reused");
  assert.equal(gate.generation, second);
});

test("a call enters only for the connection the gate shows, and nothing stays counted when it is refused", () => {
  const gate = new SessionGate();
  const generation = gate.open();
  assert.equal(gate.enter(generation + 1), false);
  assert.equal(gate.active, 0);
  assert.equal(gate.enter(generation), true);
  assert.equal(gate.active, 1);
  gate.leave();
  assert.equal(gate.active, 0);
  gate.shut();
  assert.equal(gate.enter(generation), false, "a shut gate keeps out the connection it showed");
  assert.equal(gate.active, 0);
});

// Enters, tells the parent, holds the call for `holdMs`, then leaves.
const HOLDING_WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const cells = new Int32Array(workerData.buffer);
Atomics.add(cells, 1, 1);
const entered = Atomics.load(cells, 0) === workerData.generation;
parentPort.postMessage(entered);
setTimeout(() => {
  Atomics.sub(cells, 1, 1);
  Atomics.notify(cells, 1);
}, workerData.holdMs);
`;

test("shut with a wait returns once the call in flight in another thread is out, and says so", async () => {
  const gate = new SessionGate();
  const generation = gate.open();
  const worker = new Worker(HOLDING_WORKER, { eval: true, workerData: { buffer: gate.buffer, generation, holdMs: 200 } });
  try {
    const [entered] = (await once(worker, "message")) as [boolean];
    assert.equal(entered, true);
    assert.equal(gate.active, 1);
    const started = performance.now();
    assert.equal(gate.shut(5_000), true);
    assert.ok(performance.now() - started >= 100, "it waited for the call");
    assert.equal(gate.active, 0);
    assert.equal(gate.generation, 0);
  } finally {
    await worker.terminate();
  }
});

test("shut gives up after its wait when a call never comes out (a hung device), and says so", async () => {
  const gate = new SessionGate();
  const generation = gate.open();
  const worker = new Worker(HOLDING_WORKER, { eval: true, workerData: { buffer: gate.buffer, generation, holdMs: 60_000 } });
  try {
    await once(worker, "message");
    assert.equal(gate.shut(100), false);
    assert.equal(gate.generation, 0);
  } finally {
    await worker.terminate();
  }
});
