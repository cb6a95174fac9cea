// The vault's backend: the PKCS#11 library, owned by a thread of its own (pkcs11js has no async C_SignInit, and
// under load it waits on the token's locks: here it blocks this thread, not the event loop serving requests;
// BENCHMARKS.md, "HSM signing"). Everything pure — signer choice, certificates, checks — is the main thread's
// (key-vault.ts). Adding an operation: a case here, a method on the vault, a test.
// The conversion workers sign on sessions of their own with the handles each connection returns
// (worker-sessions.ts); this thread shuts the session gate and waits for their calls before it finalises.
import { workerData } from "node:worker_threads";
import { HsmError, RequestError } from "../errors.js";
import { asBuffer } from "../workers/thread-client.js";
import { serveRequests } from "../workers/thread-server.js";
import { connect, disconnect, type ConnectOptions, type Connected, type Connection } from "./connection.js";
import type { Handle } from "./module.js";
import { deriveEcdh, hmacSha256, signDigest, type Pkcs11Calls } from "./operations.js";
import { SessionGate } from "./session-gate.js";
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

/** How long a reconnect or a close waits for the workers' calls in flight (a hung device must not stall it). */
const GATE_WAIT_MS = 5_000;

// A fixed digest for the readiness probe: it is not a document and carries nothing.
const PROBE_DIGEST = Buffer.alloc(32, 0x5a);

function signingKey(connection: Connection, signer: number | "upload"): Handle {
  const key = signer === "upload" ? connection.uploadKey : connection.signerKeys[signer];
  if (key === undefined) throw new HsmError("ERR_HSM_KEY"); // the main thread names the field before asking
  return key;
}

function createVaultBackend(data: VaultThreadData) {
  const gate = new SessionGate(data.gate);
  let current: Connection | undefined;
  let closed = false;

  // Any PKCS#11 failure of an operation is an outage (ERR_HSM_UNAVAILABLE, serveRequests' fallback); the main
  // thread's link then asks for a new connection.
  const run = <T>(operation: (connection: Connection, session: Handle) => Promise<T>): Promise<T> => {
    const connection = current;
    if (connection === undefined) return Promise.reject(new HsmError("ERR_HSM_UNAVAILABLE"));
    return connection.pool.use((session) => operation(connection, session));
  };
  // The workers' calls are out before anything is finalised: always, since a vault thread that died may have left
  // the library initialised with workers using it (connect takes it over, module.ts).
  const dropConnection = async () => {
    gate.shut(GATE_WAIT_MS);
    const previous = current;
    current = undefined;
    if (previous !== undefined) await disconnect(previous);
  };

  return async function perform(request: VaultRequest): Promise<VaultResult> {
    switch (request.op) {
      case "connect": {
        await dropConnection();
        if (closed) throw new HsmError("ERR_HSM_UNAVAILABLE");
        const { connection, connected } = await connect(data, data.plan);
        current = connection;
        const sessionKeys = { generation: gate.open(), slot: connection.slot, signers: connection.signerKeys, uvci: connection.uvciKey };
        return { ...connected, sessionKeys } satisfies VaultConnected;
      }
      case "sign":
        return run((c, session) => signDigest(c.module, session, signingKey(c, request.signer), asBuffer(request.digest), c.calls));
      case "hmac":
        return run((c, session) => hmacSha256(c.module, session, c.uvciKey, asBuffer(request.data), c.calls));
      case "ecdh":
        return run((c, session) => {
          const key = c.agreementKeys.get(request.alias);
          if (key === undefined) throw new RequestError("ERR_TAC_KEY_ALIAS");
          return deriveEcdh(c.module, session, key, asBuffer(request.point));
        });
      case "probe":
        // A real signature with the token object itself, not its session copy: a token that is gone fails here.
        await run((c, session) => signDigest(c.module, session, c.probeKey, PROBE_DIGEST, c.calls));
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
