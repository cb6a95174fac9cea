// The gate between the vault thread, which owns the PKCS#11 library, and the conversion workers, which sign on
// sessions of their own (worker-sessions.ts; docs/operations.md, "Threads"). PKCS#11 v2.40 §5.4: C_Initialize and
// C_Finalize act for the whole application (the process), and C_Finalize must not be called while other threads
// are making calls. So before it finalises (a reconnect, a close, a predecessor's library taken over) the vault
// thread shuts the gate and waits until no worker call is in flight; after a new connection it opens the gate
// under that connection's number. A worker enters only while the gate shows the connection its sessions belong to.
// Three Int32 in shared memory: the open connection's number (0: shut), the worker calls in flight, and the last
// number given (numbers are never reused, not even by the vault thread that replaces one that died).
export const GATE_CELLS = { generation: 0, active: 1, last: 2 } as const;
const { generation: GENERATION, active: ACTIVE, last: LAST } = GATE_CELLS;

export class SessionGate {
  readonly #cells: Int32Array;

  /** A new gate (shut), or a view of one created by another thread. */
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT)) {
    this.#cells = new Int32Array(buffer);
  }

  /** The number of the connection the gate is open for; 0 while shut. */
  get generation(): number {
    return Atomics.load(this.#cells, GENERATION);
  }

  /** Worker calls in flight (part of the dcc_hsm_sessions gauge). */
  get active(): number {
    return Atomics.load(this.#cells, ACTIVE);
  }

  /** The vault thread: a new connection is up and its sessions may be used; returns its number (≥ 1, new). */
  open(): number {
    const generation = Atomics.add(this.#cells, LAST, 1) + 1;
    Atomics.store(this.#cells, GENERATION, generation);
    return generation;
  }

  /**
   * Shuts the gate: no call enters from now on. With `waitMs`, also waits (blocking: the vault thread only) until
   * the calls in flight are out, at most `waitMs` (a hung device must not stall a reconnect); true when they are.
   */
  shut(waitMs = 0): boolean {
    Atomics.store(this.#cells, GENERATION, 0);
    Atomics.notify(this.#cells, GENERATION); // whoever waits on the cell for the gate to shut
    const deadline = performance.now() + waitMs;
    for (;;) {
      const active = Atomics.load(this.#cells, ACTIVE);
      if (active === 0) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.#cells, ACTIVE, active, left);
    }
  }

  /** A worker: enters for connection `generation`; false (and nothing held) when the gate is shut or shows another. */
  enter(generation: number): boolean {
    Atomics.add(this.#cells, ACTIVE, 1);
    if (generation !== 0 && Atomics.load(this.#cells, GENERATION) === generation) return true;
    this.leave();
    return false;
  }

  /** A worker: its call is out (wakes a vault thread waiting in `shut`). */
  leave(): void {
    Atomics.sub(this.#cells, ACTIVE, 1);
    Atomics.notify(this.#cells, ACTIVE);
  }
}
