// Signing ports: how a conversion worker signs without the main thread. The main thread (key-vault.ts) opens a
// MessageChannel per worker and hands one end to the vault thread, which serves on it a DSC signature and the UVCI
// HMAC only (vault-thread.ts), and the other end to the worker. A worker's document then crosses threads twice for
// the whole pipeline (main → worker → main) and the worker talks to the vault thread directly (docs/operations.md,
// "Threads"). Each new connection to the token, and each loss of the vault thread, renews every worker's port: a
// port whose vault thread is gone closes, and its calls fail with ERR_HSM_UNAVAILABLE, never hang.
import { X509Certificate } from "node:crypto";
import { MessageChannel, type MessagePort, type Worker } from "node:worker_threads";
import type { CertificateType } from "../dcc/types.js";
import { createThreadClient } from "../workers/thread-client.js";
import { chooseSigner, dccSigner, vaultBytes } from "./choose-signer.js";
import type { DccSigner, KeyVault } from "./types.js";
import type { AttachSigningPort, SigningRequest } from "./vault-thread.js";

/** A DSC as a conversion worker receives it (workerData): its certificate and the types it signs. */
export interface SignerCertificate {
  readonly der: Uint8Array;
  readonly types: readonly CertificateType[];
}

/** The main thread's side: what the conversion pool needs from the vault. */
export interface SigningPortSource {
  /** The DSCs, in the vault's order (a signature names its signer by index). */
  readonly signerCertificates: readonly SignerCertificate[];
  /** Delivers a port now and a new one after each reconnect or loss of the vault thread; returns an unsubscribe. */
  subscribe(deliver: (port: MessagePort) => void): () => void;
  /** Runs work that signs through a port under the vault's link: fails fast during an outage, and an outage it meets starts a reconnect. */
  guard<T>(work: () => Promise<T>): Promise<T>;
}

/** The subscribers of the main thread's vault, and the vault thread ports are opened onto. */
export class SigningPorts {
  readonly #subscribers = new Set<(port: MessagePort) => void>();
  #thread: Worker | undefined;

  /** The vault thread now serving (undefined once it exited). */
  set thread(thread: Worker | undefined) {
    this.#thread = thread;
  }

  subscribe(deliver: (port: MessagePort) => void): () => void {
    this.#subscribers.add(deliver);
    this.#deliver(deliver);
    return () => void this.#subscribers.delete(deliver);
  }

  /** A new port for every subscriber: after a reconnect, or when the thread died (then a closed port). */
  renew(): void {
    for (const deliver of this.#subscribers) this.#deliver(deliver);
  }

  #deliver(deliver: (port: MessagePort) => void): void {
    const { port1, port2 } = new MessageChannel();
    // A port handed to a thread that has exited would never close: without a thread, the port is closed at once.
    if (this.#thread === undefined) port2.close();
    else this.#thread.postMessage({ attach: port2 } satisfies AttachSigningPort, [port2]);
    deliver(port1);
  }
}

/** A port that is already closed: calls made on it fail as if the vault thread were gone. */
function closedPort(): MessagePort {
  const { port1 } = new MessageChannel();
  port1.close();
  return port1;
}

/** The worker's side: a vault that signs and hashes through the latest port it was given. */
export interface SigningClient {
  readonly vault: Pick<KeyVault, "signerFor" | "keyedHash">;
  /** A new port from the main thread replaces the previous one (closed: its calls fail with ERR_HSM_UNAVAILABLE). */
  attach(port: MessagePort): void;
}

export function createSigningClient(certificates: readonly SignerCertificate[], maxPending: number): SigningClient {
  let current: MessagePort | undefined;
  const client = createThreadClient<SigningRequest, Uint8Array>({
    name: "hsm",
    start: () => current ?? closedPort(),
    size: 1,
    maxPending,
    lostCode: "ERR_HSM_UNAVAILABLE",
  });
  const call = async (request: SigningRequest): Promise<Buffer> => vaultBytes(await client.call(request));
  const signers: readonly DccSigner[] = Object.freeze(certificates.map(({ der, types }, index) =>
    dccSigner(new X509Certificate(der), types, (digest) => call({ op: "sign", signer: index, digest }))));
  return {
    vault: {
      signerFor: (type: CertificateType, at: Date = new Date()) => chooseSigner(signers, type, at),
      keyedHash: (data: Buffer) => call({ op: "hmac", data }),
    },
    attach(port: MessagePort): void {
      const previous = current;
      current = port;
      port.once("close", () => {
        if (current === port) current = undefined;
      });
      previous?.close();
    },
  };
}
