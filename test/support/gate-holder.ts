// A conversion worker's call held in a real thread, for the session gate's tests (test/unit/hsm/session-gate.test.ts):
// it enters through the gate itself and tells its parent; then it leaves once it sees the gate shut (`leave: "when-shut"`,
// so a shut that returns has waited for it), or never (a hung device).
import { parentPort, workerData } from "node:worker_threads";
import { GATE_CELLS, SessionGate } from "../../src/hsm/session-gate.js";

export interface GateHolderData {
  readonly buffer: SharedArrayBuffer;
  readonly generation: number;
  readonly leave: "when-shut" | "never";
}

const { buffer, generation, leave } = workerData as GateHolderData;
const gate = new SessionGate(buffer);
const entered = gate.enter(generation);
parentPort?.postMessage(entered);
if (entered && leave === "when-shut") {
  Atomics.wait(new Int32Array(buffer), GATE_CELLS.generation, generation); // woken by shut (or already shut)
  gate.leave();
}
