// Keeps a connection to the token alive across outages (issue 3 item 2, "survive the HSM going away").
// A failed PKCS#11 call marks the link unavailable and throws ERR_HSM_UNAVAILABLE; the link then rebuilds
// the whole connection (finalise, initialise, find slot, login, sessions, keys) on a bounded back-off timer,
// and also on the next call once the last attempt is old enough — never a process restart.
import { isConverterError, HsmError } from "../errors.js";
import { connect, disconnect } from "./connection.js";
import type { ConnectOptions, Connection } from "./connection.js";
import type { Handle } from "./module.js";
import type { PreparedConfig } from "./vault-config.js";

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

export type Operation<T> = (connection: Connection, session: Handle) => Promise<T>;

export class HsmLink {
  #connection: Connection | undefined;
  #teardown: Promise<void> = Promise.resolve();
  #attempt: Promise<Connection> | undefined;
  #lastAttemptAt = 0;
  #delayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly options: ConnectOptions,
    private readonly config: PreparedConfig,
    private readonly backoff: Backoff,
    private readonly onAvailabilityChange: (available: boolean) => void,
    first: Connection,
  ) {
    this.#connection = first;
    this.#delayMs = backoff.initialMs;
  }

  get available(): boolean {
    return this.#connection !== undefined;
  }

  get connection(): Connection | undefined {
    return this.#connection;
  }

  /** Runs one operation on a pooled session; any PKCS#11 failure becomes ERR_HSM_UNAVAILABLE. */
  async run<T>(operation: Operation<T>): Promise<T> {
    const connection = await this.#current();
    try {
      return await connection.pool.use((session) => operation(connection, session));
    } catch (error) {
      if (isConverterError(error) || error instanceof TypeError) throw error;
      this.#markBroken(connection);
      throw new HsmError("ERR_HSM_UNAVAILABLE", { cause: error });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#attempt?.catch(() => undefined);
    const connection = this.#connection;
    this.#connection = undefined;
    await this.#teardown;
    if (connection !== undefined) await disconnect(connection);
  }

  async #current(): Promise<Connection> {
    if (this.#connection !== undefined) return this.#connection;
    if (this.#closed) throw new HsmError("ERR_HSM_UNAVAILABLE");
    if (this.#attempt === undefined && Date.now() - this.#lastAttemptAt < this.#delayMs) {
      throw new HsmError("ERR_HSM_UNAVAILABLE");
    }
    try {
      return await this.#reconnect();
    } catch (cause) {
      throw new HsmError("ERR_HSM_UNAVAILABLE", { cause });
    }
  }

  #markBroken(connection: Connection): void {
    if (this.#connection !== connection) return; // another call already noticed this outage
    this.#connection = undefined;
    this.#teardown = disconnect(connection);
    this.#lastAttemptAt = 0; // the first attempt may run at once; back-off applies from the second
    this.#delayMs = this.backoff.initialMs;
    this.onAvailabilityChange(false);
    this.#schedule();
  }

  /** One attempt at a time; callers arriving meanwhile share its outcome. */
  #reconnect(): Promise<Connection> {
    this.#attempt ??= this.#attemptOnce().finally(() => (this.#attempt = undefined));
    return this.#attempt;
  }

  async #attemptOnce(): Promise<Connection> {
    clearTimeout(this.#timer);
    this.#lastAttemptAt = Date.now();
    await this.#teardown;
    try {
      const connection = await connect(this.options, this.config);
      if (this.#closed) {
        await disconnect(connection);
        throw new HsmError("ERR_HSM_UNAVAILABLE");
      }
      this.#connection = connection;
      this.#delayMs = this.backoff.initialMs;
      this.onAvailabilityChange(true);
      return connection;
    } catch (error) {
      this.#delayMs = Math.min(this.#delayMs * 2, this.backoff.maxMs);
      this.#schedule();
      throw error;
    }
  }

  // The background retry keeps `available` honest for /readyz even when no request arrives.
  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reconnect().catch(() => undefined), this.#delayMs);
    this.#timer.unref();
  }
}
