// The messages between the main thread (remote-vault.ts) and the vault worker (vault-worker.ts).
// Plain structured-clone data, several calls per message (see VaultMessage): Buffers travel as Uint8Array
// copies (32–64 bytes, cheaper than any encoding); errors travel as their stable code and field only — never
// a message, never a value.
import type { CertificateType } from "../dcc/types.js";
import type { ErrorReply } from "../workers/thread-errors.js";
import type { KeyVaultOptions } from "./vault.js";

/** `KeyVaultOptions` without the callback, which becomes `{ available }` messages. */
export type WorkerVaultOptions = Omit<KeyVaultOptions, "onAvailabilityChange">;

export interface VaultWorkerData {
  readonly options: WorkerVaultOptions;
  /** SOFTHSM2_CONF for the worker, set before pkcs11js loads the module (platform.md "SoftHSM2"). */
  readonly softhsmConf?: string;
}

export type VaultRequest =
  | { readonly id: number; readonly op: "sign"; readonly signer: number; readonly digest: Uint8Array }
  | { readonly id: number; readonly op: "hmac"; readonly data: Uint8Array }
  | { readonly id: number; readonly op: "ecdh"; readonly alias: string; readonly point: Uint8Array }
  | { readonly id: number; readonly op: "probe" }
  | { readonly id: number; readonly op: "close" };

export interface SignerDescription {
  readonly kid: Uint8Array;
  readonly types: readonly CertificateType[];
  readonly certificatePem: string;
  readonly notBefore: number;
  readonly notAfter: number;
}

export type VaultReply =
  | { readonly id: number; readonly ok: true; readonly value?: Uint8Array }
  | ({ readonly id: number; readonly ok: false } & ErrorReply);

export type VaultEvent =
  | { readonly ready: { readonly signers: readonly SignerDescription[]; readonly keyAgreementKeys: Readonly<Record<string, string>> } }
  | { readonly fatal: ErrorReply }
  | { readonly available: boolean };

/**
 * Requests travel in arrays, replies too: calls made in the same event-loop turn share one message (one
 * thread wake-up) instead of one each — under load, dozens of signatures per message (BENCHMARKS.md, "Batch").
 */
export type VaultMessage = VaultReply[] | VaultEvent;

/** A received Uint8Array as a Buffer over the same bytes (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
