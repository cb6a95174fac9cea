// openKeyVault: the PKCS#11 implementation of the KeyVault / DccSigner ports (src/hsm/types.ts).
// Configuration is checked before the token is touched (vault-config.ts); the first connection must succeed
// (fail closed at start); later outages are survived by the link (hsm-link.ts).
import { createHash } from "node:crypto";
import type { CertificateType } from "../dcc/types.js";
import { RequestError } from "../errors.js";
import { chooseSigner } from "./choose-signer.js";
import { isValidP256Point } from "./ec-point.js";
import { DEFAULT_BACKOFF, HsmLink } from "./hsm-link.js";
import type { Backoff } from "./hsm-link.js";
import { connect } from "./connection.js";
import { deriveEcdh, hmacSha256, signDigest } from "./operations.js";
import type { DccSigner, KeyVault } from "./types.js";
import { prepareVaultConfig } from "./vault-config.js";
import type { PreparedSigner, SignerConfig } from "./vault-config.js";

export type { SignerConfig } from "./vault-config.js";

export interface KeyVaultOptions {
  readonly modulePath: string;
  readonly pin: string;
  readonly signers: readonly SignerConfig[];
  /** HMAC-SHA256 secret key (CKK_GENERIC_SECRET) in the token. */
  readonly uvciKeyUri: string;
  /** TousAntiCovid v2 alias → private EC key URI (CKA_DERIVE). */
  readonly keyAgreementKeys: Readonly<Record<string, string>>;
  /** Default 4. */
  readonly sessionPoolSize?: number;
  /** Called on each change of availability (no content: for metrics and logs). */
  readonly onAvailabilityChange?: (available: boolean) => void;
  /** Reconnect back-off; default 500 ms doubling to 30 s. */
  readonly reconnectBackoff?: Backoff;
}

// A fixed digest for the readiness probe: it is not a document and carries nothing.
const PROBE_DIGEST = createHash("sha256").update("dcc-converter readiness probe").digest();

export async function openKeyVault(options: KeyVaultOptions): Promise<KeyVault> {
  const config = prepareVaultConfig(options.signers, options.uvciKeyUri, options.keyAgreementKeys);
  const sessionPoolSize = options.sessionPoolSize ?? 4;
  if (!Number.isInteger(sessionPoolSize) || sessionPoolSize < 1) throw new TypeError("sessionPoolSize must be ≥ 1");
  const connectOptions = { modulePath: options.modulePath, pin: options.pin, sessionPoolSize };
  const first = await connect(connectOptions, config);
  const keyAgreementKeys = Object.freeze(
    Object.fromEntries([...first.agreementKeys].map(([alias, { spki }]) => [alias, spki.toString("base64")])),
  );
  const link = new HsmLink(
    connectOptions,
    config,
    options.reconnectBackoff ?? DEFAULT_BACKOFF,
    options.onAvailabilityChange ?? (() => undefined),
    first,
  );
  return new Pkcs11KeyVault(link, config.signers, keyAgreementKeys);
}

class Pkcs11KeyVault implements KeyVault {
  readonly signers: readonly DccSigner[];

  constructor(
    private readonly link: HsmLink,
    prepared: readonly PreparedSigner[],
    readonly keyAgreementKeys: Readonly<Record<string, string>>,
  ) {
    this.signers = Object.freeze(prepared.map((signer, index) => this.#makeSigner(signer, index)));
  }

  get available(): boolean {
    return this.link.available;
  }

  signerFor(type: CertificateType, at: Date = new Date()): DccSigner {
    return chooseSigner(this.signers, type, at);
  }

  keyedHash(data: Buffer): Promise<Buffer> {
    return this.link.run((connection, session) => hmacSha256(connection, session, data));
  }

  async deriveSharedSecret(alias: string, peerPublicPoint: Buffer): Promise<Buffer> {
    if (!Object.hasOwn(this.keyAgreementKeys, alias)) throw new RequestError("ERR_TAC_KEY_ALIAS");
    // Checked here so a bad client key is the client's error, not an HSM outage.
    if (!isValidP256Point(peerPublicPoint)) throw new RequestError("ERR_TAC_CLIENT_KEY");
    return this.link.run((connection, session) => {
      const entry = connection.agreementKeys.get(alias);
      if (entry === undefined) throw new RequestError("ERR_TAC_KEY_ALIAS");
      return deriveEcdh(connection, session, entry.key, peerPublicPoint);
    });
  }

  /** A real signature with the token object itself, not its session copy: a token that is gone fails here. */
  async probe(): Promise<void> {
    await this.link.run((connection, session) => signDigest(connection, session, connection.probeKey, PROBE_DIGEST));
  }

  close(): Promise<void> {
    return this.link.close();
  }

  #makeSigner(prepared: PreparedSigner, index: number): DccSigner {
    const link = this.link;
    return Object.freeze({
      kid: prepared.kid,
      types: Object.freeze([...prepared.types]),
      certificate: prepared.certificate,
      notBefore: new Date(prepared.certificate.validFrom),
      notAfter: new Date(prepared.certificate.validTo),
      sign(digest: Buffer): Promise<Buffer> {
        if (digest.length !== 32) throw new TypeError("sign expects a 32-byte SHA-256 digest");
        return link.run((connection, session) => signDigest(connection, session, connection.signerKeys[index] as Buffer, digest));
      },
    });
  }
}
