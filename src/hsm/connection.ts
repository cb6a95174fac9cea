// One live connection to the token: module initialised, user logged in, a session pool, every key found
// and checked. Built at open and again by each reconnect (the vault survives the HSM going away).
import { createHash, createPublicKey, verify } from "node:crypto";
import { ConfigError, HsmError } from "../errors.js";
import { rawToDer } from "../crypto/ecdsa-signature.js";
import { ecPointToSpki, unwrapEcPoint } from "./ec-point.js";
import { findKey, findPublicKey, requireCustody } from "./key-lookup.js";
import { findSlotByLabel, loadModule, loginUser, openSession, pkcs11Code, pkcs11js, unloadModule } from "./module.js";
import type { Handle, Pkcs11 } from "./module.js";
import { SessionPool } from "./session-pool.js";
import { workingCopy } from "./working-copy.js";
import type { PreparedConfig, PreparedKey, PreparedSigner } from "./vault-config.js";

export interface Connection {
  readonly module: Pkcs11;
  readonly slot: Handle;
  readonly pool: SessionPool;
  /** The keys operations use: session copies where the token allows them (working-copy.ts). */
  readonly signerKeys: readonly Handle[];
  readonly uvciKey: Handle;
  /** The token object of the first signer's key, for the readiness probe: it sees the token as stored. */
  readonly probeKey: Handle;
  readonly agreementKeys: ReadonlyMap<string, { readonly key: Handle; readonly spki: Buffer }>;
}

export interface ConnectOptions {
  readonly modulePath: string;
  readonly pin: string;
  readonly sessionPoolSize: number;
}

const PROOF_MESSAGE = Buffer.from("dcc-converter: the key matches its DSC certificate");
const PROOF_DIGEST = createHash("sha256").update(PROOF_MESSAGE).digest();

export async function connect(options: ConnectOptions, config: PreparedConfig): Promise<Connection> {
  let module: Pkcs11;
  try {
    module = loadModule(options.modulePath);
  } catch (cause) {
    throw new HsmError("ERR_HSM_UNAVAILABLE", { field: "PKCS11_MODULE", cause });
  }
  try {
    const slot = findSlotByLabel(module, config.tokenLabel);
    if (slot === undefined) throw new HsmError("ERR_HSM_UNAVAILABLE", { field: "token" });
    const sessions = Array.from({ length: options.sessionPoolSize }, () => openSession(module, slot));
    login(module, sessions[0] as Handle, options.pin);
    const session = sessions[0] as Handle;
    const signerKeys = [];
    for (const signer of config.signers) signerKeys.push(await findSignerKey(module, session, signer));
    const uvciKey = findKey(module, session, config.uvciKey.uri, "secret-key", config.uvciKey.field);
    requireCustody(module, session, uvciKey, config.uvciKey.field);
    const agreementKeys = new Map<string, { key: Handle; spki: Buffer }>();
    for (const [alias, key] of config.keyAgreementKeys) agreementKeys.set(alias, findAgreementKey(module, session, key));
    // Every key found and checked: from here on, operations use session copies where the token allows them.
    // Made last so that no lookup above can meet a copy (same label, same id).
    for (const [alias, { key, spki }] of agreementKeys) agreementKeys.set(alias, { key: workingCopy(module, session, key), spki });
    const probeKey = signerKeys[0];
    if (probeKey === undefined) throw new ConfigError("ERR_CONFIG", { field: "DCC_SIGNERS" });
    return {
      module,
      slot,
      pool: new SessionPool(sessions),
      signerKeys: signerKeys.map((key) => workingCopy(module, session, key)),
      uvciKey: workingCopy(module, session, uvciKey),
      probeKey,
      agreementKeys,
    };
  } catch (error) {
    unloadModule(module);
    throw error;
  }
}

/** Waits for in-flight operations (bounded: a hung device must not stall the reconnect), then finalises. */
export async function disconnect(connection: Connection, waitMs = 5_000): Promise<void> {
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

// Custody (contract §6), then the key must match its DSC: the token's public point when it keeps one,
// and always a proof signature over a fixed digest verified with the certificate's public key.
async function findSignerKey(module: Pkcs11, session: Handle, signer: PreparedSigner): Promise<Handle> {
  const key = findKey(module, session, signer.uri, "private", signer.field);
  requireCustody(module, session, key, signer.field);
  const publicKey = findPublicKey(module, session, signer.uri);
  if (publicKey !== undefined && !readPoint(module, session, publicKey).equals(signer.point)) {
    throw new HsmError("ERR_HSM_KEY", { field: signer.field });
  }
  let raw: Buffer;
  try {
    module.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
    raw = await module.C_SignAsync(session, PROOF_DIGEST, Buffer.alloc(64));
  } catch (cause) {
    throw new HsmError("ERR_HSM_KEY", { field: signer.field, cause });
  }
  const der = raw.length === 64 ? rawToDer(raw) : Buffer.alloc(0);
  if (!verifyProof(signer, der)) throw new HsmError("ERR_HSM_KEY", { field: signer.field });
  return key;
}

// The token signs SHA-256(PROOF_MESSAGE) with CKM_ECDSA; node:crypto verifies ECDSA-with-SHA256 over the message.
function verifyProof(signer: PreparedSigner, der: Buffer): boolean {
  return verify("sha256", PROOF_MESSAGE, signer.certificate.publicKey, der);
}

function findAgreementKey(module: Pkcs11, session: Handle, prepared: PreparedKey): { key: Handle; spki: Buffer } {
  const key = findKey(module, session, prepared.uri, "private", prepared.field);
  requireCustody(module, session, key, prepared.field);
  const publicKey = findPublicKey(module, session, prepared.uri);
  if (publicKey === undefined) throw new HsmError("ERR_HSM_KEY", { field: prepared.field });
  const spki = ecPointToSpki(readPoint(module, session, publicKey));
  createPublicKey({ key: spki, format: "der", type: "spki" }); // throws on a point off the curve
  return { key, spki };
}

function readPoint(module: Pkcs11, session: Handle, publicKey: Handle): Buffer {
  const [attribute] = module.C_GetAttributeValue(session, publicKey, [{ type: pkcs11js.CKA_EC_POINT }]);
  return attribute?.value instanceof Buffer ? unwrapEcPoint(attribute.value) : Buffer.alloc(0);
}
