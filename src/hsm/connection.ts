// One live connection to the token, in the vault thread: module initialised, user logged in, a session pool,
// every key of the plan found with its custody checked. Whether a signing key matches its certificate is the
// main thread's check (key-vault.ts): this side returns the evidence — the token's public point when it keeps
// one, and a proof signature over a fixed digest. Built at open and again by each reconnect.
import { createHash, createPublicKey } from "node:crypto";
import { ConfigError, HsmError } from "../errors.js";
import { ecPointToSpki, readEcPoint } from "./ec-point.js";
import { findKey, findPublicKey, requireCustody } from "./key-lookup.js";
import { findSlotByLabel, loadModule, loginUser, openSession, pkcs11Code, pkcs11js, unloadModule } from "./module.js";
import type { Handle, Pkcs11 } from "./module.js";
import { signDigest, type Pkcs11Calls } from "./operations.js";
import { SessionPool } from "./session-pool.js";
import type { KeyPlan, KeyRef } from "./vault-config.js";
import type { KeyHandles, TokenSessions } from "./token-sessions.js";
import { workingCopy } from "./working-copy.js";

/** The vault thread's connection: its sessions and every key handle (token-sessions.ts), and the slot they are on. */
export interface Connection extends TokenSessions {
  readonly slot: Handle;
}

/** What the main thread checks against each signing key's certificate. */
export interface KeyEvidence {
  /** The token's public point (65 bytes) when it keeps a public-key object. */
  readonly point?: Uint8Array;
  /** CKM_ECDSA over PROOF_DIGEST, raw r‖s; empty when the token refused to sign. */
  readonly proof: Uint8Array;
}

export interface Connected {
  readonly signers: readonly KeyEvidence[];
  readonly upload?: KeyEvidence;
  /** Alias → SPKI (DER) of each key-agreement key. */
  readonly agreement: Readonly<Record<string, Uint8Array>>;
}

export interface ConnectOptions {
  readonly modulePath: string;
  readonly pin: string;
  readonly sessionPoolSize: number;
  readonly maxWaiting: number;
  readonly calls: Pkcs11Calls;
}

export const PROOF_MESSAGE = Buffer.from("dcc-converter: the key matches its DSC certificate");
const PROOF_DIGEST = createHash("sha256").update(PROOF_MESSAGE).digest();

export async function connect(options: ConnectOptions, plan: KeyPlan): Promise<{ connection: Connection; connected: Connected }> {
  let module: Pkcs11;
  try {
    module = loadModule(options.modulePath, { takeOver: true });
  } catch (cause) {
    throw new HsmError("ERR_HSM_UNAVAILABLE", { field: "PKCS11_MODULE", cause });
  }
  try {
    const slot = findSlotByLabel(module, plan.tokenLabel);
    if (slot === undefined) throw new HsmError("ERR_HSM_UNAVAILABLE", { field: "token" });
    const sessions = Array.from({ length: options.sessionPoolSize }, () => openSession(module, slot));
    const session = sessions[0] as Handle;
    login(module, session, options.pin);
    const signers = [];
    for (const ref of plan.signers) signers.push(await findSigningKey(module, session, ref));
    const upload = plan.uploadSigner === undefined ? undefined : await findSigningKey(module, session, plan.uploadSigner);
    const uvciKey = findKey(module, session, plan.uvciKey.uri, "secret-key", plan.uvciKey.field);
    requireCustody(module, session, uvciKey, plan.uvciKey.field);
    const agreement = plan.keyAgreementKeys.map(([alias, ref]) => ({ alias, ...findAgreementKey(module, session, ref) }));
    const probeKey = signers[0]?.key;
    if (probeKey === undefined) throw new ConfigError("ERR_CONFIG", { field: "DCC_SIGNERS" });
    // Every key found and checked: from here on, operations use session copies where the token allows them.
    // Made last so that no lookup above can meet a copy (same label, same id).
    const copy = (key: Handle) => workingCopy(module, session, key);
    const keys: KeyHandles = {
      signers: signers.map(({ key }) => copy(key)),
      upload: upload === undefined ? undefined : copy(upload.key),
      uvci: copy(uvciKey),
      probe: probeKey,
      agreement: new Map(agreement.map(({ alias, key }) => [alias, copy(key)])),
    };
    const connection: Connection = { module, calls: options.calls, slot, pool: new SessionPool(sessions, options.maxWaiting), keys };
    const connected: Connected = {
      signers: signers.map(({ evidence }) => evidence),
      ...(upload === undefined ? {} : { upload: upload.evidence }),
      agreement: Object.fromEntries(agreement.map(({ alias, spki }) => [alias, spki])),
    };
    return { connection, connected };
  } catch (error) {
    unloadModule(module);
    throw error;
  }
}

/** Waits for in-flight operations, at most `waitMs` (what is left of RELEASE_WAIT_MS, token-sessions.ts), then finalises. */
export async function disconnect(connection: Connection, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  await Promise.race([connection.pool.drained(), timeout]);
  clearTimeout(timer);
  try {
    connection.module.C_CloseAllSessions(connection.slot); // closing the last session logs the user out
  } catch {
    // the device may already be gone
  }
  unloadModule(connection.module);
}

function login(module: Pkcs11, session: Handle, pin: string): void {
  try {
    loginUser(module, session, pin);
  } catch (cause) {
    const code = pkcs11Code(cause);
    if (code === pkcs11js.CKR_PIN_INCORRECT || code === pkcs11js.CKR_PIN_LEN_RANGE || code === pkcs11js.CKR_PIN_LOCKED) {
      throw new ConfigError("ERR_CONFIG", { field: "PKCS11_PIN" });
    }
    throw cause;
  }
}

// Custody first (sensitive, non-extractable), then the evidence the main thread checks against the certificate.
async function findSigningKey(module: Pkcs11, session: Handle, ref: KeyRef): Promise<{ key: Handle; evidence: KeyEvidence }> {
  const key = findKey(module, session, ref.uri, "private", ref.field);
  requireCustody(module, session, key, ref.field);
  const publicKey = findPublicKey(module, session, ref.uri);
  let proof: Buffer;
  try {
    proof = await signDigest(module, session, key, PROOF_DIGEST, "inline");
  } catch {
    proof = Buffer.alloc(0);
  }
  return { key, evidence: publicKey === undefined ? { proof } : { point: readEcPoint(module, session, publicKey), proof } };
}

function findAgreementKey(module: Pkcs11, session: Handle, ref: KeyRef): { key: Handle; spki: Buffer } {
  const key = findKey(module, session, ref.uri, "private", ref.field);
  requireCustody(module, session, key, ref.field);
  const publicKey = findPublicKey(module, session, ref.uri);
  if (publicKey === undefined) throw new HsmError("ERR_HSM_KEY", { field: ref.field });
  const spki = ecPointToSpki(readEcPoint(module, session, publicKey));
  createPublicKey({ key: spki, format: "der", type: "spki" }); // throws on a point off the curve
  return { key, spki };
}
