// The vault's backend: the PKCS#11 operations, in a thread of their own (pkcs11js has no async C_SignInit, and
// under load it waits on the token's locks: here it blocks this thread, not the event loop serving requests;
// BENCHMARKS.md, "HSM signing"). Everything pure — signer choice, certificates, checks — is the main thread's
// (key-vault.ts). Adding an operation: a case here, a method on the vault, a test.
// Besides the main thread's requests, the thread serves signing ports (signing-port.ts): one per conversion
// worker, handed over by the main thread, on which only a DSC signature and the UVCI HMAC may be asked.
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { HsmError, RequestError, errorOf } from "../errors.js";
import { asBuffer } from "../workers/thread-client.js";
import { serveRequests } from "../workers/thread-server.js";
import { connect, disconnect, type ConnectOptions, type Connected, type Connection } from "./connection.js";
import type { Handle } from "./module.js";
import { deriveEcdh, hmacSha256, signDigest, type Pkcs11Calls } from "./operations.js";
import type { KeyPlan } from "./vault-config.js";

/** What the vault thread is given (workerData): the only thread that receives the PIN. */
export interface VaultThreadData extends ConnectOptions {
  readonly plan: KeyPlan;
  /** SOFTHSM2_CONF for this thread, set before the module loads (SoftHSM reads it at C_Initialize). */
  readonly softhsmConf?: string;
  readonly calls: Pkcs11Calls;
  /** One Int32: operations asked on signing ports and not yet answered (the dcc_hsm_sessions gauge). */
  readonly portsInFlight: SharedArrayBuffer;
}

/** Main → vault thread, beside the lists of requests: a signing port to serve. */
export interface AttachSigningPort {
  readonly attach: MessagePort;
}

/** What a signing port may ask: a signature with a DSC, or the UVCI HMAC. */
export type SigningRequest = Extract<VaultRequest, { readonly op: "hmac" }> | { readonly op: "sign"; readonly signer: number; readonly digest: Uint8Array };

/** The operations, as plain data (structured clone: a Buffer arrives as a Uint8Array over the same bytes). */
export type VaultRequest =
  | { readonly op: "connect" }
  | { readonly op: "sign"; readonly signer: number | "upload"; readonly digest: Uint8Array }
  | { readonly op: "hmac"; readonly data: Uint8Array }
  | { readonly op: "ecdh"; readonly alias: string; readonly point: Uint8Array }
  | { readonly op: "probe" }
  | { readonly op: "close" };

export type VaultResult = Uint8Array | Connected | undefined;

// A fixed digest for the readiness probe: it is not a document and carries nothing.
const PROBE_DIGEST = Buffer.alloc(32, 0x5a);

function signingKey(connection: Connection, signer: number | "upload"): Handle {
  const key = signer === "upload" ? connection.uploadKey : connection.signerKeys[signer];
  if (key === undefined) throw new HsmError("ERR_HSM_KEY"); // the main thread names the field before asking
  return key;
}

function createVaultBackend(data: VaultThreadData) {
  let current: Connection | undefined;
  let closed = false;

  // Any PKCS#11 failure of an operation is an outage (ERR_HSM_UNAVAILABLE, serveRequests' fallback); the main
  // thread's link then asks for a new connection.
  const run = <T>(operation: (connection: Connection, session: Handle) => Promise<T>): Promise<T> => {
    const connection = current;
    if (connection === undefined) return Promise.reject(new HsmError("ERR_HSM_UNAVAILABLE"));
    return connection.pool.use((session) => operation(connection, session));
  };
  const dropConnection = async () => {
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
        return connected;
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

// A signing port's requests: anything but a DSC signature or the HMAC is refused (a conversion worker has no
// reason to ask for more), and each is counted while it runs.
function servePort(port: MessagePort, perform: (request: VaultRequest) => Promise<VaultResult>, inFlight: Int32Array): void {
  const signOrHash = async (request: SigningRequest): Promise<VaultResult> => {
    const allowed = request.op === "hmac" || (request.op === "sign" && Number.isInteger(request.signer));
    if (!allowed) throw errorOf("ERR_INTERNAL");
    Atomics.add(inFlight, 0, 1);
    try {
      return await perform(request);
    } finally {
      Atomics.sub(inFlight, 0, 1);
    }
  };
  serveRequests(signOrHash, "ERR_HSM_UNAVAILABLE", port);
}

if (workerData !== null && typeof workerData === "object" && "plan" in workerData) {
  const data = workerData as VaultThreadData;
  // SoftHSM reads SOFTHSM2_CONF when the module is initialised: set it before any connect.
  if (data.softhsmConf !== undefined) process.env["SOFTHSM2_CONF"] = data.softhsmConf;
  const perform = createVaultBackend(data);
  serveRequests(perform, "ERR_HSM_UNAVAILABLE");
  const inFlight = new Int32Array(data.portsInFlight);
  parentPort?.on("message", (message: object) => {
    if ("attach" in message) servePort((message as AttachSigningPort).attach, perform, inFlight);
  });
}
