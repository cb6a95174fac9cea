// The token-session layer: one PKCS#11 connection's sessions and key handles, the operations asked of them, and what
// an outage looks like. The vault thread (vault-thread.ts), which owns the library, and each conversion worker
// (worker-sessions.ts), which signs on sessions of its own, both use it (docs/hsm.md: adding an operation).
// Each operation runs on one pooled session (PKCS#11 v2.40 §5.12); the PKCS#11 calls themselves are operations.ts.
import { HsmError, isConverterError } from "../errors.js";
import type { Handle, Pkcs11 } from "./module.js";
import { deriveEcdh, hmacSha256, signDigest, type Pkcs11Calls } from "./operations.js";
import type { SessionPool } from "./session-pool.js";

/**
 * How long releasing a connection (a reconnect, a close) waits, in all, for the calls in flight on it — the
 * conversion workers' behind the session gate, then the vault thread's own — before it finalises anyway: a hung
 * device must not stall a reconnect (docs/operations.md, "Threads").
 */
export const RELEASE_WAIT_MS = 5_000;

/** The key handles of one connection: session copies where the token allows them (working-copy.ts). */
export interface KeyHandles {
  /** The DSC keys, in the order of DCC_SIGNERS. */
  readonly signers: readonly Handle[];
  readonly uvci: Handle;
  /** The vault thread only: the upload signer's key, the probe key and the TousAntiCovid key-agreement keys. */
  readonly upload?: Handle | undefined;
  /** The token object of the first DSC key (not a copy): the readiness probe sees the token as stored. */
  readonly probe?: Handle | undefined;
  readonly agreement?: ReadonlyMap<string, Handle> | undefined;
}

/** One connection as an operation sees it: the library, its session pool, where C_Sign runs, the key handles. */
export interface TokenSessions {
  readonly module: Pkcs11;
  readonly pool: SessionPool;
  readonly calls: Pkcs11Calls;
  readonly keys: KeyHandles;
}

/** A signing key: a DSC by its index, the upload signer, or the probe key. */
export type SigningKey = number | "upload" | "probe";

/** What an outage looks like: any failure that is not a product refusal (ERR_OVERLOADED …) is ERR_HSM_UNAVAILABLE. */
export function asOutage(error: unknown): Error {
  return isConverterError(error) ? error : new HsmError("ERR_HSM_UNAVAILABLE", { cause: error });
}

async function onSession<T>(sessions: TokenSessions | undefined, operation: (t: TokenSessions, session: Handle) => Promise<T>): Promise<T> {
  if (sessions === undefined) throw new HsmError("ERR_HSM_UNAVAILABLE");
  try {
    return await sessions.pool.use((session) => operation(sessions, session));
  } catch (error) {
    throw asOutage(error);
  }
}

// A handle the connection lacks is a programmer's error: the main thread checks names and aliases before asking.
function handle(key: Handle | undefined): Handle {
  if (key === undefined) throw new HsmError("ERR_HSM_KEY");
  return key;
}

function signingHandle(keys: KeyHandles, key: SigningKey): Handle {
  return handle(key === "upload" ? keys.upload : key === "probe" ? keys.probe : keys.signers[key]);
}

/** ECDSA P-256 over a 32-byte digest with a signing key → raw r‖s. */
export function sign(sessions: TokenSessions | undefined, key: SigningKey, digest: Buffer): Promise<Buffer> {
  return onSession(sessions, (t, session) => signDigest(t.module, session, signingHandle(t.keys, key), digest, t.calls));
}

/** The UVCI keyed hash: HMAC-SHA256 with the UVCI key. */
export function hmac(sessions: TokenSessions | undefined, data: Buffer): Promise<Buffer> {
  return onSession(sessions, (t, session) => hmacSha256(t.module, session, t.keys.uvci, data, t.calls));
}

/** ECDH with a TousAntiCovid key-agreement key (its alias checked live by the caller, src/tac/key-agreement.ts). */
export function derive(sessions: TokenSessions | undefined, alias: string, point: Buffer): Promise<Buffer> {
  return onSession(sessions, (t, session) => deriveEcdh(t.module, session, handle(t.keys.agreement?.get(alias)), point));
}
