// openKeyVault: the one implementation of the KeyVault port (types.ts). Everything pure is here, on the main
// thread: configuration and DSC checks (vault-config.ts), signer choice (choose-signer.ts), the check that each
// token key matches its certificate, digest lengths, client-key checks. The PKCS#11 calls run in the vault thread
// (vault-thread.ts) through the thread client; outages and a dead thread are survived by the link (hsm-link.ts).
// The conversion workers sign on sessions of their own (worker-sessions.ts): the vault hands them the key handles of
// each connection, shuts the session gate when the thread dies, and runs their conversions under the link (`guard`).
import { verify } from "node:crypto";
import { SHARE_ENV, Worker } from "node:worker_threads";
import { rawToDer } from "../crypto/ecdsa-signature.js";
import type { DccSigner, DccSigning } from "../dcc/signing.js";
import type { CertificateType } from "../dcc/types.js";
import { HsmError, RequestError } from "../errors.js";
import type { UploadSigner } from "../revocation/upload-signer.js";
import { liveAlias } from "../tac/key-agreement.js";
import { asBuffer, createThreadClient, workerScript, type ThreadClient } from "../workers/thread-client.js";
import { PROOF_MESSAGE, type KeyEvidence } from "./connection.js";
import { isValidP256Point } from "./ec-point.js";
import { dccSigning, requireDigest, sealSigning, vaultBytes } from "./choose-signer.js";
import type { SealSigner, SealSigning } from "../icao/signing.js";
import type { SealDocumentType } from "../icao/seal-types.js";
import { DEFAULT_BACKOFF, HsmLink, type Backoff } from "./hsm-link.js";
import type { Pkcs11Calls } from "./operations.js";
import { SessionGate } from "./session-gate.js";
import type { KeyVault } from "./types.js";
import { UPLOAD_SIGNER_FIELD, prepareVaultConfig, type PreparedCertifiedKey } from "./vault-config.js";
import type { SealSignerConfig, SignerConfig, UploadSignerConfig } from "./vault-config.js";
import type { VaultConnected, VaultRequest, VaultResult, VaultThreadData } from "./vault-thread.js";
import { SessionKeysHandOut, type SessionKeys, type WorkerHsmConfig, type WorkerSessionSource } from "./worker-sessions.js";

export type { SealSignerConfig, SignerConfig, UploadSignerConfig } from "./vault-config.js";

export interface KeyVaultOptions {
  readonly modulePath: string;
  readonly pin: string;
  readonly signers: readonly SignerConfig[];
  /** HMAC-SHA256 secret key (CKK_GENERIC_SECRET) in the token. */
  readonly uvciKeyUri: string;
  /** TousAntiCovid v2 alias → private EC key URI (CKA_DERIVE). */
  readonly keyAgreementKeys: Readonly<Record<string, string>>;
  /** ICAO VDS-NC barcode signers (ICAO_SIGNERS): their keys are looked up and used like the DSCs'. */
  readonly sealSigners?: readonly SealSignerConfig[];
  /** An extra P-256 signing key and its certificate (not a DSC): `signUpload`. */
  readonly uploadSigner?: UploadSignerConfig;
  /** Default 4. */
  readonly sessionPoolSize?: number;
  /** PKCS#11 operations queued or in flight beyond which one is refused with ERR_OVERLOADED ("hsm"). Default 4096. */
  readonly maxPending?: number;
  /** SOFTHSM2_CONF for the vault thread (the development token); default: the process environment's. */
  readonly softhsmConf?: string;
  /** Called on each change of availability (no content: for metrics and logs). */
  readonly onAvailabilityChange?: (available: boolean) => void;
  /** Reconnect back-off; default 500 ms doubling to 30 s. */
  readonly reconnectBackoff?: Backoff;
  /** Where C_Sign runs (PKCS11_CALLS, operations.ts); default inline. */
  readonly calls?: Pkcs11Calls;
}

/** The vault as the service opens it: the KeyVault port, and what the conversion workers sign with. */
export type HsmKeyVault = KeyVault & WorkerSessionSource;

/** Starts one vault thread (the function a test may wrap to reach the thread). */
export function startVaultThread(data: VaultThreadData): Worker {
  const { script, options } = workerScript(import.meta.url, "vault-thread", data);
  // SHARE_ENV: SoftHSM reads SOFTHSM2_CONF with getenv(), which only sees the process environment.
  return new Worker(script, { ...options, env: SHARE_ENV });
}

export async function openKeyVault(
  options: KeyVaultOptions,
  start: (data: VaultThreadData) => Worker = startVaultThread,
): Promise<HsmKeyVault> {
  const { signers, uvciKeyUri, keyAgreementKeys, uploadSigner, sealSigners } = options;
  const config = prepareVaultConfig(signers, uvciKeyUri, keyAgreementKeys, uploadSigner, sealSigners);
  const sessionPoolSize = options.sessionPoolSize ?? 4;
  if (!Number.isInteger(sessionPoolSize) || sessionPoolSize < 1) throw new TypeError("sessionPoolSize must be ≥ 1");
  const maxPending = options.maxPending ?? 4096;
  const gate = new SessionGate();
  const data: VaultThreadData = {
    modulePath: options.modulePath,
    pin: options.pin,
    sessionPoolSize,
    maxWaiting: maxPending,
    plan: config.plan,
    calls: options.calls ?? "inline",
    gate: gate.buffer,
    ...(options.softhsmConf === undefined ? {} : { softhsmConf: options.softhsmConf }),
  };
  const keys = new SessionKeysHandOut();
  // Assigned once below, after the client it watches exists; the client's exit hook reads it late.
  // eslint-disable-next-line prefer-const
  let link: HsmLink | undefined;
  const client = createThreadClient<VaultRequest, VaultResult>({
    name: "hsm",
    start: () => start(data),
    size: 1,
    maxPending,
    lostCode: "ERR_HSM_UNAVAILABLE",
    onThreadExit: () => {
      gate.shut(); // the workers stop using the dead thread's connection; the next one takes the library over
      link?.markBroken();
    },
  });
  const connect = async (): Promise<VaultConnected> => {
    const connected = (await client.call({ op: "connect" })) as VaultConnected;
    [...config.signers, ...config.sealSigners].forEach((signer, index) => requireMatch(signer, connected.signers[index]));
    if (config.uploadSigner !== undefined) requireMatch(config.uploadSigner, connected.upload);
    keys.publish(connected.sessionKeys);
    return connected;
  };
  let first: VaultConnected;
  try {
    first = await connect();
  } catch (error) {
    await client.close();
    throw error;
  }
  link = new HsmLink({
    connect: async () => void (await connect()),
    backoff: options.reconnectBackoff ?? DEFAULT_BACKOFF,
    onAvailabilityChange: options.onAvailabilityChange ?? (() => undefined),
  });
  const agreement = Object.fromEntries(
    Object.entries(first.agreement).map(([alias, spki]) => [alias, Buffer.from(spki).toString("base64")]),
  );
  const workerHsm: Omit<WorkerHsmConfig, "sessions"> = {
    modulePath: options.modulePath,
    calls: data.calls,
    gate: gate.buffer,
    signers: config.signers.map((signer) => ({ der: signer.certificate.raw, types: signer.types })),
    sealSigners: config.sealSigners.map((signer) => ({ der: signer.certificate.raw, types: signer.types })),
  };
  return new PooledKeyVault(client, link, keys, config, agreement, { size: sessionPoolSize, gate }, workerHsm);
}

// The token key must be the certificate's: the token's public point when it keeps one, and always the proof
// signature verified with the certificate's public key (ECDSA with SHA-256 over PROOF_MESSAGE).
function requireMatch(key: PreparedCertifiedKey, evidence: KeyEvidence | undefined): void {
  const fail = () => new HsmError("ERR_HSM_KEY", { field: key.field });
  if (evidence === undefined) throw fail();
  if (evidence.point !== undefined && !key.point.equals(evidence.point)) throw fail();
  if (evidence.proof.length !== 64 || !verify("sha256", PROOF_MESSAGE, key.certificate.publicKey, rawToDer(asBuffer(evidence.proof)))) {
    throw fail();
  }
}

class PooledKeyVault implements HsmKeyVault {
  readonly uploadSigner: UploadSigner | undefined;
  readonly keyAgreementKeys: Readonly<Record<string, string>>;
  readonly #signing: DccSigning;
  readonly #sealing: SealSigning;

  constructor(
    private readonly client: ThreadClient<VaultRequest, VaultResult>,
    private readonly link: HsmLink,
    private readonly keys: SessionKeysHandOut,
    config: ReturnType<typeof prepareVaultConfig>,
    keyAgreementKeys: Record<string, string>,
    private readonly pool: { readonly size: number; readonly gate: SessionGate },
    readonly workerHsm: Omit<WorkerHsmConfig, "sessions">,
  ) {
    this.keyAgreementKeys = Object.freeze(keyAgreementKeys);
    const sign = (signer: number, digest: Buffer) => this.#bytes({ op: "sign", signer, digest });
    this.#signing = dccSigning(config.signers, sign, (data) => this.#bytes({ op: "hmac", data }));
    // The barcode signers' keys follow the DSCs' in the key plan (vault-config.ts).
    const offset = config.signers.length;
    this.#sealing = sealSigning(config.sealSigners, (index, digest) => sign(offset + index, digest));
    const upload = config.uploadSigner;
    this.uploadSigner =
      upload === undefined ? undefined : Object.freeze({ certificate: upload.certificate, certificateDer: upload.certificate.raw });
  }

  get available(): boolean {
    return this.link.available;
  }

  /** Sessions of the pool, and PKCS#11 operations queued or in flight, the workers' too (the dcc_hsm_sessions gauge). */
  get sessions(): { readonly size: number; readonly busy: number; readonly waiting: number } {
    const pending = this.client.pending + this.pool.gate.active;
    const { size } = this.pool;
    return { size, busy: Math.min(pending, size), waiting: Math.max(0, pending - size) };
  }

  subscribe(deliver: (keys: SessionKeys) => void): () => void {
    return this.keys.subscribe(deliver);
  }

  guard<T>(work: () => Promise<T>): Promise<T> {
    return this.link.run(work);
  }

  get signers(): readonly DccSigner[] {
    return this.#signing.signers;
  }

  signerFor(type: CertificateType, at?: Date): DccSigner {
    return this.#signing.signerFor(type, at);
  }

  keyedHash(data: Buffer): Promise<Buffer> {
    return this.#signing.keyedHash(data);
  }

  get sealSigners(): readonly SealSigner[] {
    return this.#sealing.sealSigners;
  }

  sealSignerFor(type: SealDocumentType, at?: Date): SealSigner {
    return this.#sealing.sealSignerFor(type, at);
  }

  async deriveSharedSecret(alias: string, peerPublicPoint: Buffer): Promise<Buffer> {
    // Checked here so a bad alias or client key is the client's error, not an HSM outage.
    const live = liveAlias(this.keyAgreementKeys, alias);
    if (!isValidP256Point(peerPublicPoint)) throw new RequestError("ERR_TAC_CLIENT_KEY");
    return this.#bytes({ op: "ecdh", alias: live, point: peerPublicPoint });
  }

  signUpload(digest: Buffer): Promise<Buffer> {
    requireDigest(digest);
    if (this.uploadSigner === undefined) return Promise.reject(new HsmError("ERR_HSM_KEY", { field: UPLOAD_SIGNER_FIELD }));
    return this.#bytes({ op: "sign", signer: "upload", digest });
  }

  async probe(): Promise<void> {
    await this.link.run(() => this.client.call({ op: "probe" }));
  }

  async close(): Promise<void> {
    await this.link.close();
    // A live thread disconnects cleanly (sessions closed, module finalised); a dead one is not started again.
    if (this.client.threads > 0) await this.client.call({ op: "close" }).catch(() => undefined);
    await this.client.close();
  }

  async #bytes(request: VaultRequest): Promise<Buffer> {
    return vaultBytes(await this.link.run(() => this.client.call(request)));
  }
}
