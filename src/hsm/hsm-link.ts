// The one reconnect machine (main thread): keeps the vault's connection to the token alive across outages.
// An outage is an operation failing with ERR_HSM_UNAVAILABLE, or the vault thread dying (`markBroken`): the link
// turns unavailable and rebuilds the connection (a new thread if needed, then module, login, sessions, keys) on a
// bounded back-off timer, and also on the next call once the last attempt is old enough — never a process restart.
import { HsmError, isConverterError } from "../errors.js";

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

export interface HsmLinkOptions {
  /** Builds a connection (and checks it): resolves when usable, rejects otherwise. */
  readonly connect: () => Promise<void>;
  readonly backoff: Backoff;
  /** Each change of availability (no content: logged and counted by the service). */
  readonly onAvailabilityChange: (available: boolean) => void;
}

const isOutage = (error: unknown) => isConverterError(error) && error.code === "ERR_HSM_UNAVAILABLE";

export class HsmLink {
  #connected = true; // built by the caller's first connect before the link exists
  #generation = 0;
  #attempt: Promise<void> | undefined;
  #lastAttemptAt = 0;
  #delayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(private readonly options: HsmLinkOptions) {
    this.#delayMs = options.backoff.initialMs;
  }

  get available(): boolean {
    return this.#connected && !this.#closed;
  }

  /** Runs one operation; an outage marks the link broken and comes back as ERR_HSM_UNAVAILABLE. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    await this.#current();
    const generation = this.#generation;
    try {
      return await operation();
    } catch (error) {
      if (!isOutage(error)) throw error; // a refusal (a bad client key, an overload) is not an outage
      this.markBroken(generation);
      throw new HsmError("ERR_HSM_UNAVAILABLE", { cause: error });
    }
  }

  /** The connection of `generation` (default: the current one) is gone. */
  markBroken(generation = this.#generation): void {
    if (!this.#connected || generation !== this.#generation || this.#closed) return; // already noticed
    this.#connected = false;
    this.#lastAttemptAt = 0; // the first attempt may run at once; back-off applies from the second
    this.#delayMs = this.options.backoff.initialMs;
    this.options.onAvailabilityChange(false);
    this.#schedule();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#attempt?.catch(() => undefined);
  }

  async #current(): Promise<void> {
    if (this.#closed) throw new HsmError("ERR_HSM_UNAVAILABLE");
    if (this.#connected) return;
    if (this.#attempt === undefined && Date.now() - this.#lastAttemptAt < this.#delayMs) {
      throw new HsmError("ERR_HSM_UNAVAILABLE");
    }
    try {
      await this.#reconnect();
    } catch (cause) {
      throw new HsmError("ERR_HSM_UNAVAILABLE", { cause });
    }
  }

  /** One attempt at a time; callers arriving meanwhile share its outcome. */
  #reconnect(): Promise<void> {
    this.#attempt ??= this.#attemptOnce().finally(() => (this.#attempt = undefined));
    return this.#attempt;
  }

  async #attemptOnce(): Promise<void> {
    clearTimeout(this.#timer);
    this.#lastAttemptAt = Date.now();
    try {
      await this.options.connect();
    } catch (error) {
      this.#delayMs = Math.min(this.#delayMs * 2, this.options.backoff.maxMs);
      this.#schedule();
      throw error;
    }
    if (this.#closed) throw new HsmError("ERR_HSM_UNAVAILABLE");
    this.#generation += 1;
    this.#connected = true;
    this.#delayMs = this.options.backoff.initialMs;
    this.options.onAvailabilityChange(true);
  }

  // The background retry keeps `available` honest for /readyz even when no request arrives.
  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reconnect().catch(() => undefined), this.#delayMs);
    this.#timer.unref();
  }
}
