// The session gate (src/hsm/session-gate.ts) between the vault thread and the conversion workers' own sessions:
// no call enters once it is shut, a call enters only for the connection the gate shows, and shutting with a wait
// returns only once the calls in flight are out. The in-flight call below is held by a real worker thread that uses
// the gate itself (test/support/gate-holder.ts), never a copy of its layout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { SessionGate } from "../../../src/hsm/session-gate.js";
import { workerScript } from "../../../src/workers/thread-client.js";
import type { GateHolderData } from "../../support/gate-holder.js";

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

function holdCall(data: GateHolderData): Worker {
  const { script, options } = workerScript(new URL("../../support/gate-holder.ts", import.meta.url).href, "gate-holder", data);
  return new Worker(script, options);
}

test("shut with a wait returns once the call in flight in another thread is out, and says so", async () => {
  const gate = new SessionGate();
  const generation = gate.open();
  const worker = holdCall({ buffer: gate.buffer, generation, leave: "when-shut" });
  try {
    const [entered] = (await once(worker, "message")) as [boolean];
    assert.equal(entered, true);
    assert.equal(gate.active, 1);
    // The call leaves only once it sees the gate shut: a shut that returns true has waited for it.
    assert.equal(gate.shut(60_000), true);
    assert.equal(gate.active, 0);
    assert.equal(gate.generation, 0);
  } finally {
    await worker.terminate();
  }
});

test("shut gives up after its wait when a call never comes out (a hung device), and says so", async () => {
  const gate = new SessionGate();
  const generation = gate.open();
  const worker = holdCall({ buffer: gate.buffer, generation, leave: "never" });
  try {
    const [entered] = (await once(worker, "message")) as [boolean];
    assert.equal(entered, true);
    assert.equal(gate.shut(100), false);
    assert.equal(gate.active, 1);
    assert.equal(gate.generation, 0);
  } finally {
    await worker.terminate();
  }
});
