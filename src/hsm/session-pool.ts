// A fixed pool of PKCS#11 sessions (PKCS#11 v2.40 §5.12: one session holds one operation — CKR_OPERATION_ACTIVE
// otherwise — so concurrent signatures need one session each). Callers beyond the pool size wait in FIFO order,
// at most `maxWaiting` of them (HSM_QUEUE_MAX): past it an operation is refused at once with ERR_OVERLOADED.
import { RequestError } from "../errors.js";
import type { Handle } from "./module.js";

export class SessionPool {
  readonly #free: Handle[];
  readonly #waiters: ((session: Handle) => void)[] = [];
  readonly #idle: (() => void)[] = [];
  #busy = 0;

  constructor(
    sessions: readonly Handle[],
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {
    if (sessions.length === 0) throw new TypeError("a session pool needs at least one session");
    this.#free = [...sessions];
  }

  /** Runs `operation` with a session of its own; the session returns to the pool when it settles. */
  async use<T>(operation: (session: Handle) => Promise<T>): Promise<T> {
    const session = await this.#acquire();
    try {
      return await operation(session);
    } finally {
      this.#release(session);
    }
  }

  /** Operations in flight (for tests and for a clean teardown). */
  get busy(): number {
    return this.#busy;
  }

  /** Resolves when no operation is in flight (used before finalising a broken module). */
  drained(): Promise<void> {
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #acquire(): Promise<Handle> {
    const session = this.#free.pop();
    if (session === undefined && this.#waiters.length >= this.maxWaiting) {
      return Promise.reject(new RequestError("ERR_OVERLOADED", { field: "hsm" }));
    }
    this.#busy += 1;
    if (session !== undefined) return Promise.resolve(session);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  // `busy` counts running and waiting operations, so each release takes exactly one off.
  #release(session: Handle): void {
    this.#busy -= 1;
    const next = this.#waiters.shift();
    if (next !== undefined) {
      next(session);
      return;
    }
    this.#free.push(session);
    if (this.#busy === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }
}
