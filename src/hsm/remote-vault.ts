// openRemoteKeyVault: the KeyVault port (types.ts) served by openKeyVault in a worker thread (vault-worker.ts).
// Why: pkcs11js has no async C_SignInit; on the main thread it blocked the event loop for a third of a
// conversion's CPU under load (BENCHMARKS.md, "HSM signing"). Behaviour is the in-thread vault's: same codes
// and fields at start, same refusals, `available` mirroring the worker's link; a dead worker fails every call
// closed.
import { X509Certificate } from "node:crypto";
import { SHARE_ENV, Worker } from "node:worker_threads";
import type { CertificateType } from "../dcc/types.js";
import { HsmError } from "../errors.js";
import { rebuildError } from "../workers/rebuild-error.js";
import { workerScript } from "../workers/worker-script.js";
import { chooseSigner } from "./choose-signer.js";
import type { DccSigner, KeyVault } from "./types.js";
import type { KeyVaultOptions } from "./vault.js";
import type { SignerDescription, VaultMessage, VaultReply, VaultRequest, VaultWorkerData } from "./vault-protocol.js";

type Request = VaultRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
interface Pending { resolve(value: Uint8Array | undefined): void; reject(error: unknown): void }
type Ready = Extract<VaultMessage, { ready: unknown }>["ready"];

export async function openRemoteKeyVault(options: KeyVaultOptions, softhsmConf?: string): Promise<KeyVault> {
  const sessionPoolSize = options.sessionPoolSize ?? 4;
  if (!Number.isInteger(sessionPoolSize) || sessionPoolSize < 1) throw new TypeError("sessionPoolSize must be ≥ 1");
  const { onAvailabilityChange, ...plain } = options;
  const data: VaultWorkerData = softhsmConf === undefined ? { options: plain } : { options: plain, softhsmConf };
  const { script, options: workerOptions } = workerScript(import.meta.url, "vault-worker", data);
  // SHARE_ENV: SoftHSM reads SOFTHSM2_CONF with getenv(), which only sees the process environment.
  const worker = new Worker(script, { ...workerOptions, env: SHARE_ENV });
  const vault = new RemoteKeyVault(worker, onAvailabilityChange ?? (() => undefined));
  await vault.opened;
  return vault;
}

class RemoteKeyVault implements KeyVault {
  signers: readonly DccSigner[] = [];
  keyAgreementKeys: Readonly<Record<string, string>> = {};
  readonly opened: Promise<void>;
  #available = false;
  #dead = false;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  #outbox: VaultRequest[] = [];

  constructor(private readonly worker: Worker, private readonly onAvailabilityChange: (available: boolean) => void) {
    this.opened = new Promise((resolve, reject) => {
      worker.on("message", (message: VaultMessage) => {
        if (Array.isArray(message)) for (const reply of message) this.#settle(reply);
        else if ("available" in message) this.#setAvailable(message.available, true);
        else if ("ready" in message) resolve(this.#open(message.ready));
        else {
          reject(rebuildError(message.fatal));
          void worker.terminate();
        }
      });
      worker.on("error", () => undefined); // the exit that follows fails everything closed
      worker.once("exit", () => {
        reject(new HsmError("ERR_HSM_UNAVAILABLE"));
        this.#die();
      });
    });
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
    if (this.#dead) return;
    await this.#call({ op: "close" }).catch(() => undefined);
    this.#dead = true;
    await this.worker.terminate();
  }

  #open(ready: Ready): void {
    this.signers = Object.freeze(ready.signers.map((description, index) => this.#makeSigner(description, index)));
    this.keyAgreementKeys = Object.freeze({ ...ready.keyAgreementKeys });
    this.#available = true;
    this.worker.unref(); // idle: never keeps a CLI process alive; #call refs it while a call is in flight
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
    if (this.#dead) return Promise.reject(new HsmError("ERR_HSM_UNAVAILABLE"));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.worker.ref();
      this.#pending.set(id, { resolve, reject });
      // Structured clone copies the 32–64 bytes; no JSON, no transfer of a pooled Buffer's backing store.
      if (this.#outbox.push({ ...request, id }) === 1) queueMicrotask(() => this.#flush());
    });
  }

  /** Every call of this event-loop turn in one message (vault-protocol.ts, VaultMessage). */
  #flush(): void {
    const requests = this.#outbox;
    this.#outbox = [];
    if (!this.#dead) this.worker.postMessage(requests);
  }

  #settle(reply: VaultReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.worker.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(rebuildError(reply));
  }

  #setAvailable(available: boolean, notify: boolean): void {
    if (this.#available === available) return;
    this.#available = available;
    if (notify) this.onAvailabilityChange(available);
  }

  // The worker is gone (closed, crashed or terminated): every pending and later call is an outage.
  #die(): void {
    const closing = this.#dead;
    this.#dead = true;
    this.#setAvailable(false, !closing);
    for (const pending of this.#pending.values()) pending.reject(new HsmError("ERR_HSM_UNAVAILABLE"));
    this.#pending.clear();
  }
}

function toBuffer(value: Uint8Array | undefined): Buffer {
  if (value === undefined) throw new HsmError("ERR_HSM_UNAVAILABLE");
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
