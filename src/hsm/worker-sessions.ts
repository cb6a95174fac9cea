// Worker sessions: how a conversion worker signs without another thread (docs/operations.md, "Threads"). The vault
// thread owns the PKCS#11 library: it initialises it, logs in, finds and checks the keys and makes their session
// copies (connection.ts). A conversion worker opens sessions of its own on that same library — login is per
// application, and session objects are seen by every session of the application (PKCS#11 v2.40 §4.1, §5.6) — and
// calls C_SignInit + C_Sign there (the token-session layer, token-sessions.ts) with the key handles of the current
// connection, so a DSC signature and the UVCI HMAC cost no thread crossing at all. The main thread's vault hands
// each worker those handles (SessionKeys) after every connection; the session gate (session-gate.ts) keeps worker
// calls out while the vault thread reconnects or closes. A worker only ever gets the handles of the DSC keys and the
// UVCI key: never the PIN, never a URI.
import { X509Certificate } from "node:crypto";
import type { DccSigning } from "../dcc/signing.js";
import type { CertificateType } from "../dcc/types.js";
import { HsmError } from "../errors.js";
import { dccSigning, sealSigning } from "./choose-signer.js";
import type { SealSigning } from "../icao/signing.js";
import type { SealDocumentType } from "../icao/seal-types.js";
import { attachModule, openSession, type Pkcs11 } from "./module.js";
import type { Pkcs11Calls } from "./operations.js";
import { SessionGate } from "./session-gate.js";
import { SessionPool } from "./session-pool.js";
import { asOutage, hmac, sign, type TokenSessions } from "./token-sessions.js";

/** A DSC as a conversion worker receives it (workerData): its certificate and the types it signs. */
export interface SignerCertificate {
  readonly der: Uint8Array;
  readonly types: readonly CertificateType[];
}

/** A barcode signer as a conversion worker receives it: its certificate and the seal document types it signs. */
export interface SealSignerCertificate {
  readonly der: Uint8Array;
  readonly types: readonly SealDocumentType[];
}

/** The handles of one connection (Handle bytes as structured clone delivers them). */
export interface SessionKeys {
  /** The connection's number, as the gate shows it while the connection is up. */
  readonly generation: number;
  readonly slot: Uint8Array;
  /** The DSC keys, then the barcode signers' keys, in the vault's order (session copies where the token allows them). */
  readonly signers: readonly Uint8Array[];
  readonly uvci: Uint8Array;
}

/** What a conversion worker is given to reach the token (workerData): no PIN, no key URI. */
export interface WorkerHsmConfig {
  readonly modulePath: string;
  readonly calls: Pkcs11Calls;
  /** Sessions this worker opens (worker-sessions.ts, `workerSessions`). */
  readonly sessions: number;
  /** The gate's shared memory (session-gate.ts). */
  readonly gate: SharedArrayBuffer;
  /** The DSCs, in the vault's order (a key handle is found by the same index). */
  readonly signers: readonly SignerCertificate[];
  /** The barcode signers (ICAO_SIGNERS); their key handles follow the DSCs'. */
  readonly sealSigners: readonly SealSignerCertificate[];
}

/**
 * Sessions a conversion worker opens: one when C_Sign runs inline (a worker makes one call at a time); on the
 * threadpool, its share of PKCS11_SESSIONS, so the workers together have the pool's concurrency and a pod's
 * session count stays about twice PKCS11_SESSIONS (docs/operations.md, "Scaling").
 */
export function workerSessions(calls: Pkcs11Calls, poolSize: number, workers: number): number {
  return calls === "inline" ? 1 : Math.max(1, Math.ceil(poolSize / Math.max(1, workers)));
}

/** The main thread's side: what the conversion pool needs from the vault. */
export interface WorkerSessionSource {
  /** Everything a worker's config needs from the vault but its session count. */
  readonly workerHsm: Omit<WorkerHsmConfig, "sessions">;
  /** Delivers the current connection's handles now (when there is one) and after each new connection; returns an unsubscribe. */
  subscribe(deliver: (keys: SessionKeys) => void): () => void;
  /** Runs work that signs in a worker under the vault's link: fails fast during an outage, and an outage it meets starts a reconnect. */
  guard<T>(work: () => Promise<T>): Promise<T>;
}

/** The subscribers of the main thread's vault and the handles of the connection in force. */
export class SessionKeysHandOut {
  readonly #subscribers = new Set<(keys: SessionKeys) => void>();
  #current: SessionKeys | undefined;

  subscribe(deliver: (keys: SessionKeys) => void): () => void {
    this.#subscribers.add(deliver);
    if (this.#current !== undefined) deliver(this.#current);
    return () => void this.#subscribers.delete(deliver);
  }

  /** A new connection: every subscriber gets its handles. */
  publish(keys: SessionKeys): void {
    this.#current = keys;
    for (const deliver of this.#subscribers) deliver(keys);
  }
}

/** How long a worker waits for the handles of a connection the gate already shows (they travel by message). */
const KEYS_WAIT_MS = 2_000;

/** One connection's sessions in a worker: C_Sign is synchronous inline, so one session is enough; the threadpool gets one per call in flight. */
interface WorkerConnection extends TokenSessions {
  readonly generation: number;
}

/** The worker's side: signing a DCC or a seal on the worker's own sessions. */
export interface WorkerSigning {
  readonly vault: DccSigning & SealSigning;
  /** The handles of a new connection (from the main thread). */
  attach(keys: SessionKeys): void;
}

/** `maxWaiting`: calls beyond the sessions that may wait for one (HSM_QUEUE_MAX), then ERR_OVERLOADED. */
export function createWorkerSigning(config: WorkerHsmConfig, maxWaiting: number): WorkerSigning {
  const gate = new SessionGate(config.gate);
  let keys: SessionKeys | undefined;
  const arrivals: (() => void)[] = [];
  let module: Pkcs11 | undefined;
  let live: WorkerConnection | undefined;

  const keysFor = async (generation: number): Promise<SessionKeys | undefined> => {
    if (keys === undefined || keys.generation < generation) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        arrivals.push(resolve);
        timer = setTimeout(resolve, KEYS_WAIT_MS);
      });
      clearTimeout(timer);
    }
    return keys?.generation === generation ? keys : undefined;
  };

  // Inside the gate: the library is initialised and this connection's handles are valid. Sessions of an older
  // connection were closed by the vault thread (C_CloseAllSessions): they are dropped, never closed again.
  const connectionFor = (current: SessionKeys): WorkerConnection => {
    if (live?.generation === current.generation) return live;
    module ??= attachModule(config.modulePath);
    const attached = module;
    const slot = Buffer.from(current.slot);
    const sessions = Array.from({ length: config.sessions }, () => openSession(attached, slot));
    const handles = { signers: current.signers.map((handle) => Buffer.from(handle)), uvci: Buffer.from(current.uvci) };
    const pool = new SessionPool(sessions, maxWaiting);
    live = { generation: current.generation, module: attached, pool, calls: config.calls, keys: handles };
    return live;
  };

  // The gate's side of an operation; the operation itself is the token-session layer's, as on the vault thread.
  const within = async (operation: (sessions: TokenSessions) => Promise<Buffer>): Promise<Buffer> => {
    const generation = gate.generation;
    const current = generation === 0 ? undefined : await keysFor(generation);
    if (current === undefined || !gate.enter(generation)) throw new HsmError("ERR_HSM_UNAVAILABLE");
    try {
      return await operation(connectionFor(current));
    } catch (error) {
      throw asOutage(error);
    } finally {
      gate.leave();
    }
  };

  const dscs = config.signers.map(({ der, types }) => ({ certificate: new X509Certificate(der), types }));
  const bscs = config.sealSigners.map(({ der, types }) => ({ certificate: new X509Certificate(der), types }));
  const offset = dscs.length;
  return {
    vault: {
      ...dccSigning(
        dscs,
        (index, digest) => within((t) => sign(t, index, digest)),
        (data) => within((t) => hmac(t, data)),
      ),
      ...sealSigning(bscs, (index, digest) => within((t) => sign(t, offset + index, digest))),
    },
    attach(next: SessionKeys): void {
      keys = next;
      for (const resolve of arrivals.splice(0)) resolve();
    },
  };
}
