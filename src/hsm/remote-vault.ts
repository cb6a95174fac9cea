// openRemoteKeyVault: the KeyVault port (types.ts) served by openKeyVault in a worker thread (vault-worker.ts).
// Why: pkcs11js has no async C_SignInit; on the main thread it blocked the event loop for a third of a
// conversion's CPU under load (BENCHMARKS.md, "HSM signing"). Behaviour is the in-thread vault's: same codes
// and fields at start, same refusals, `available` mirroring the worker's link; a dead worker fails every call
// closed.
import { X509Certificate } from "node:crypto";
import { SHARE_ENV, Worker } from "node:worker_threads";
import type { CertificateType } from "../dcc/types.js";
import { HsmError } from "../errors.js";
import { rebuildError } from "../workers/thread-errors.js";
import { workerScript } from "../workers/worker-script.js";
import { chooseSigner } from "./choose-signer.js";
import type { DccSigner, KeyVault } from "./types.js";
import { DEFAULT_BACKOFF, type Backoff } from "./hsm-link.js";
import type { KeyVaultOptions } from "./vault.js";
import { asBuffer } from "./vault-protocol.js";
import type { SignerDescription, VaultMessage, VaultReply, VaultRequest, VaultWorkerData } from "./vault-protocol.js";

type Request = VaultRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
interface Pending { resolve(value: Uint8Array | undefined): void; reject(error: unknown): void }
type Ready = Extract<VaultMessage, { ready: unknown }>["ready"];

/** Starts one vault worker thread (the port a test may wrap to reach the thread). */
export function startVaultWorker(data: VaultWorkerData): Worker {
  const { script, options } = workerScript(import.meta.url, "vault-worker", data);
  // SHARE_ENV: SoftHSM reads SOFTHSM2_CONF with getenv(), which only sees the process environment.
  return new Worker(script, { ...options, env: SHARE_ENV });
}

export async function openRemoteKeyVault(
  options: KeyVaultOptions,
  softhsmConf?: string,
  start: (data: VaultWorkerData) => Worker = startVaultWorker,
): Promise<KeyVault> {
  const sessionPoolSize = options.sessionPoolSize ?? 4;
  if (!Number.isInteger(sessionPoolSize) || sessionPoolSize < 1) throw new TypeError("sessionPoolSize must be ≥ 1");
  const { onAvailabilityChange, ...plain } = options;
  const data: VaultWorkerData = softhsmConf === undefined ? { options: plain } : { options: plain, softhsmConf };
  const vault = new RemoteKeyVault(() => start(data), options.reconnectBackoff ?? DEFAULT_BACKOFF, onAvailabilityChange ?? (() => undefined));
  await vault.opened;
  return vault;
}

/**
 * The proxy. Its worker may die (a bug, a crash in the PKCS#11 module's thread): pending calls fail as an
 * outage, `available` turns false, and a new worker is started with the reconnect back-off — no restart of
 * the process, as for an HSM outage. Only a worker that never became ready (start-up refusal) is not retried.
 */
class RemoteKeyVault implements KeyVault {
  signers: readonly DccSigner[] = [];
  keyAgreementKeys: Readonly<Record<string, string>> = {};
  readonly opened: Promise<void>;
  #worker: Worker;
  #live = false; // the current worker is ready and has not exited
  #closed = false;
  #everReady = false;
  #available = false;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  #outbox: VaultRequest[] = [];
  #restartDelayMs: number;
  #restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly spawn: () => Worker,
    private readonly backoff: Backoff,
    private readonly onAvailabilityChange: (available: boolean) => void,
  ) {
    this.#restartDelayMs = backoff.initialMs;
    const worker = spawn();
    this.#worker = worker;
    this.opened = new Promise((resolve, reject) => this.#attach(worker, resolve, reject));
  }

  get available(): boolean {
    return this.#available;
  }

  signerFor(type: CertificateType, at: Date = new Date()): DccSigner {
    return chooseSigner(this.signers, type, at);
  }

  keyedHash(data: Buffer): Promise<Buffer> {
    return this.#call({ op: "hmac", data }).then(toBuffer);
  }

  deriveSharedSecret(alias: string, peerPublicPoint: Buffer): Promise<Buffer> {
    return this.#call({ op: "ecdh", alias, point: peerPublicPoint }).then(toBuffer);
  }

  async probe(): Promise<void> {
    await this.#call({ op: "probe" });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    clearTimeout(this.#restartTimer);
    if (this.#live) await this.#call({ op: "close" }).catch(() => undefined);
    this.#closed = true;
    await this.#worker.terminate();
  }

  #attach(worker: Worker, onReady: () => void, onFailure: (error: unknown) => void): void {
    worker.on("message", (message: VaultMessage) => {
      if (Array.isArray(message)) for (const reply of message) this.#settle(reply);
      else if ("available" in message) this.#setAvailable(message.available);
      else if ("ready" in message) {
        this.#ready(worker, message.ready);
        onReady();
      } else {
        onFailure(rebuildError(message.fatal));
        void worker.terminate();
      }
    });
    worker.on("error", () => undefined); // the exit that follows fails everything closed
    worker.once("exit", () => {
      onFailure(new HsmError("ERR_HSM_UNAVAILABLE"));
      this.#lost(worker);
    });
  }

  #ready(worker: Worker, ready: Ready): void {
    if (worker !== this.#worker) return;
    this.#live = true;
    this.#restartDelayMs = this.backoff.initialMs;
    if (this.#everReady) this.#setAvailable(true); // a replacement worker: the outage is over
    else {
      // The same configuration gives the same signers in every later worker: built once. Opening is not a change.
      this.signers = Object.freeze(ready.signers.map((description, index) => this.#makeSigner(description, index)));
      this.keyAgreementKeys = Object.freeze({ ...ready.keyAgreementKeys });
      this.#available = true;
      this.#everReady = true;
    }
    worker.unref(); // idle: never keeps a CLI process alive; #call refs it while a call is in flight
  }

  // The worker is gone (closed, crashed or terminated): every pending call is an outage; later calls too,
  // until a new worker is ready.
  #lost(worker: Worker): void {
    if (worker !== this.#worker) return;
    this.#live = false;
    this.#outbox = [];
    for (const pending of this.#pending.values()) pending.reject(new HsmError("ERR_HSM_UNAVAILABLE"));
    this.#pending.clear();
    this.#setAvailable(false);
    if (this.#closed || !this.#everReady) return;
    this.#restartTimer = setTimeout(() => {
      if (this.#closed) return;
      const replacement = this.spawn();
      this.#worker = replacement;
      this.#attach(replacement, () => undefined, () => undefined);
    }, this.#restartDelayMs);
    this.#restartTimer.unref();
    this.#restartDelayMs = Math.min(this.#restartDelayMs * 2, this.backoff.maxMs);
  }

  #makeSigner(description: SignerDescription, index: number): DccSigner {
    const call = (digest: Buffer) => this.#call({ op: "sign", signer: index, digest }).then(toBuffer);
    return Object.freeze({
      kid: Buffer.from(description.kid),
      types: Object.freeze([...description.types]),
      certificate: new X509Certificate(description.certificatePem),
      notBefore: new Date(description.notBefore),
      notAfter: new Date(description.notAfter),
      sign(digest: Buffer): Promise<Buffer> {
        if (digest.length !== 32) throw new TypeError("sign expects a 32-byte SHA-256 digest");
        return call(digest);
      },
    });
  }

  #call(request: Request): Promise<Uint8Array | undefined> {
    if (this.#closed || !this.#live) return Promise.reject(new HsmError("ERR_HSM_UNAVAILABLE"));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      // Structured clone copies the 32–64 bytes; no JSON, no transfer of a pooled Buffer's backing store.
      if (this.#outbox.push({ ...request, id }) === 1) queueMicrotask(() => this.#flush());
    });
  }

  /** Every call of this event-loop turn in one message (vault-protocol.ts, VaultMessage). */
  #flush(): void {
    const requests = this.#outbox;
    this.#outbox = [];
    if (this.#live && requests.length > 0) this.#worker.postMessage(requests);
  }

  #settle(reply: VaultReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(rebuildError(reply));
  }

  /** Notifies real changes only, and none once closed (a deliberate stop is not an outage). */
  #setAvailable(available: boolean): void {
    if (this.#available === available) return;
    this.#available = available;
    if (!this.#closed && this.#everReady) this.onAvailabilityChange(available);
  }
}

function toBuffer(value: Uint8Array | undefined): Buffer {
  if (value === undefined) throw new HsmError("ERR_HSM_UNAVAILABLE");
  return asBuffer(value);
}
