// The vault's backend: the PKCS#11 library, owned by a thread of its own (pkcs11js has no async C_SignInit, and
// under load it waits on the token's locks: here it blocks this thread, not the event loop serving requests;
// BENCHMARKS.md, "HSM signing"). Everything pure — signer choice, certificates, checks — is the main thread's
// (key-vault.ts); the operations on the connection's sessions are the token-session layer's (token-sessions.ts).
// Adding an operation: docs/hsm.md. The conversion workers sign on sessions of their own with the handles each
// connection returns (worker-sessions.ts); this thread shuts the session gate and waits for their calls before it
// finalises.
import { workerData } from "node:worker_threads";
import { HsmError } from "../errors.js";
import { asBuffer } from "../workers/thread-client.js";
import { serveRequests } from "../workers/thread-server.js";
import { connect, disconnect, type ConnectOptions, type Connected, type Connection } from "./connection.js";
import type { Pkcs11Calls } from "./operations.js";
import { SessionGate } from "./session-gate.js";
import { derive, hmac, RELEASE_WAIT_MS, sign } from "./token-sessions.js";
import type { KeyPlan } from "./vault-config.js";
import type { SessionKeys } from "./worker-sessions.js";

/** What the vault thread is given (workerData): the only thread that receives the PIN. */
export interface VaultThreadData extends ConnectOptions {
  readonly plan: KeyPlan;
  /** SOFTHSM2_CONF for this thread, set before the module loads (SoftHSM reads it at C_Initialize). */
  readonly softhsmConf?: string;
  readonly calls: Pkcs11Calls;
  /** The session gate shared with the conversion workers (session-gate.ts). */
  readonly gate: SharedArrayBuffer;
}

/** A connection as the main thread gets it: the evidence it checks, and the handles the workers sign with. */
export interface VaultConnected extends Connected {
  readonly sessionKeys: SessionKeys;
}

/** The operations, as plain data (structured clone: a Buffer arrives as a Uint8Array over the same bytes). */
export type VaultRequest =
  | { readonly op: "connect" }
  | { readonly op: "sign"; readonly signer: number | "upload"; readonly digest: Uint8Array }
  | { readonly op: "hmac"; readonly data: Uint8Array }
  | { readonly op: "ecdh"; readonly alias: string; readonly point: Uint8Array }
  | { readonly op: "probe" }
  | { readonly op: "close" };

export type VaultResult = Uint8Array | VaultConnected | undefined;

// A fixed digest for the readiness probe: it is not a document and carries nothing.
const PROBE_DIGEST = Buffer.alloc(32, 0x5a);

function createVaultBackend(data: VaultThreadData) {
  const gate = new SessionGate(data.gate);
  let current: Connection | undefined;
  let closed = false;

  // The workers' calls are out before anything is finalised: always, since a vault thread that died may have left
  // the library initialised with workers using it (connect takes it over, module.ts). One bound for both waits.
  const dropConnection = async () => {
    const deadline = performance.now() + RELEASE_WAIT_MS;
    gate.shut(RELEASE_WAIT_MS);
    const previous = current;
    current = undefined;
    if (previous !== undefined) await disconnect(previous, Math.max(0, deadline - performance.now()));
  };

  return async function perform(request: VaultRequest): Promise<VaultResult> {
    switch (request.op) {
      case "connect": {
        await dropConnection();
        if (closed) throw new HsmError("ERR_HSM_UNAVAILABLE");
        const { connection, connected } = await connect(data, data.plan);
        current = connection;
        const { signers, uvci } = connection.keys;
        return { ...connected, sessionKeys: { generation: gate.open(), slot: connection.slot, signers, uvci } } satisfies VaultConnected;
      }
      case "sign":
        return sign(current, request.signer, asBuffer(request.digest));
      case "hmac":
        return hmac(current, asBuffer(request.data));
      case "ecdh":
        return derive(current, request.alias, asBuffer(request.point));
      case "probe":
        // A real signature with the token object itself, not its session copy: a token that is gone fails here.
        await sign(current, "probe", PROBE_DIGEST);
        return undefined;
      case "close":
        closed = true;
        await dropConnection();
        return undefined;
    }
  };
}

if (workerData !== null && typeof workerData === "object" && "plan" in workerData) {
  const data = workerData as VaultThreadData;
  // SoftHSM reads SOFTHSM2_CONF when the module is initialised: set it before any connect.
  if (data.softhsmConf !== undefined) process.env["SOFTHSM2_CONF"] = data.softhsmConf;
  serveRequests(createVaultBackend(data), "ERR_HSM_UNAVAILABLE");
}
