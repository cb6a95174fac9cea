// Which DSC signs, what a signature is asked for, and what the vault thread answers: pure rules shared by the main
// thread's vault (key-vault.ts) and the conversion workers' own sessions (worker-sessions.ts).
import type { X509Certificate } from "node:crypto";
import { computeKid } from "../dcc/kid.js";
import type { CertificateType } from "../dcc/types.js";
import { DccError, HsmError, RequestError } from "../errors.js";
import type { SealSigner, SealSigning } from "../icao/signing.js";
import type { SealDocumentType } from "../icao/seal-types.js";
import { asBuffer } from "../workers/thread-client.js";
import type { DccSigner, DccSigning } from "../dcc/signing.js";

// chooseSigner: which DSC signs a certificate type at a given time. Key rotation (docs/operations.md, "Key
// rotation": a DSC's key signs for months while its certificates stay valid longer): a new DSC is listed in
// DCC_SIGNERS beside the old one; from its notBefore the newest valid DSC signs, and the old one stays published
// in GET /v1/signers so verifiers keep trusting what it signed. The choice never depends on file order.
export function chooseSigner(signers: readonly DccSigner[], type: CertificateType, at: Date): DccSigner {
  const chosen = newestValid(
    signers,
    at,
    (signer) => signer.types.includes(type),
    (signer) => signer.kid,
  );
  if (chosen === undefined) throw new DccError("ERR_DCC_NO_SIGNER", { field: type });
  return chosen;
}

/**
 * The barcode signer of a seal document type (ICAO Doc 9303-12 `NV`, `NT`), by the same rotation rule as the DSCs.
 * No seal signer at all: the format is off (ICAO_SIGNERS unset); none valid now for the type: ERR_DCC_NO_SIGNER.
 */
export function chooseSealSigner(signers: readonly SealSigner[], type: SealDocumentType, at: Date): SealSigner {
  if (signers.length === 0) throw new RequestError("ERR_FORMAT_OFF", { field: "format" });
  const chosen = newestValid(
    signers,
    at,
    (signer) => signer.types.includes(type),
    (signer) => signer.certificate.raw,
  );
  if (chosen === undefined) throw new DccError("ERR_DCC_NO_SIGNER", { field: type });
  return chosen;
}

// Newest notBefore wins among the signers valid at `at`; `tieKey` breaks a tie so the choice is the same whatever the order.
function newestValid<T extends { readonly notBefore: Date; readonly notAfter: Date }>(
  signers: readonly T[],
  at: Date,
  accepts: (signer: T) => boolean,
  tieKey: (signer: T) => Buffer,
): T | undefined {
  let chosen: T | undefined;
  for (const signer of signers) {
    if (!accepts(signer) || signer.notBefore > at || signer.notAfter <= at) continue;
    if (
      chosen === undefined ||
      signer.notBefore > chosen.notBefore ||
      (signer.notBefore.getTime() === chosen.notBefore.getTime() && Buffer.compare(tieKey(signer), tieKey(chosen)) > 0)
    ) {
      chosen = signer;
    }
  }
  return chosen;
}

/** The token signs a SHA-256 digest computed by the caller (hcert §3.3.1, ES256): 32 bytes, nothing else. */
export function requireDigest(digest: Buffer): void {
  if (digest.length !== 32) throw new TypeError("sign expects a 32-byte SHA-256 digest");
}

/** A certificate and the token key behind it, signing through `sign` (the vault's thread client, or a worker's session). */
function certifiedKey(certificate: X509Certificate, sign: (digest: Buffer) => Promise<Buffer>) {
  return {
    certificate,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    sign: (digest: Buffer) => {
      requireDigest(digest);
      return sign(digest);
    },
  };
}

/** A DSC and the token key behind it. */
export function dccSigner(
  certificate: X509Certificate,
  types: readonly CertificateType[],
  sign: (digest: Buffer) => Promise<Buffer>,
): DccSigner {
  return Object.freeze({ kid: computeKid(certificate), types: Object.freeze([...types]), ...certifiedKey(certificate, sign) });
}

/** A barcode signer's certificate and the seal types it signs. */
export interface BscCertificate {
  readonly certificate: X509Certificate;
  readonly types: readonly SealDocumentType[];
}

/**
 * The one list of SealSigners and the choice among them, for the main thread's vault and a conversion worker alike:
 * each signs through `sign(index, digest)`, `index` counting after the DSCs (their keys follow the DSCs' in the plan).
 */
export function sealSigning(bscs: readonly BscCertificate[], sign: (index: number, digest: Buffer) => Promise<Buffer>): SealSigning {
  const sealSigners: readonly SealSigner[] = Object.freeze(
    bscs.map(({ certificate, types }, index) =>
      Object.freeze({ types: Object.freeze([...types]), ...certifiedKey(certificate, (digest) => sign(index, digest)) }),
    ),
  );
  return { sealSigners, sealSignerFor: (type, at = new Date()) => chooseSealSigner(sealSigners, type, at) };
}

/** A DSC's certificate and the types it signs. */
export interface DscCertificate {
  readonly certificate: X509Certificate;
  readonly types: readonly CertificateType[];
}

/**
 * The one list of DccSigners and the choice among them, for the main thread's vault and a conversion worker alike:
 * each DSC signs through `sign(index, digest)` (the vault thread's client, or the worker's own sessions).
 */
export function dccSigning(
  dscs: readonly DscCertificate[],
  sign: (index: number, digest: Buffer) => Promise<Buffer>,
  keyedHash: (data: Buffer) => Promise<Buffer>,
): DccSigning {
  const signers = Object.freeze(
    dscs.map(({ certificate, types }, index) => dccSigner(certificate, types, (digest) => sign(index, digest))),
  );
  return { signers, signerFor: (type, at = new Date()) => chooseSigner(signers, type, at), keyedHash };
}

/** A signature or MAC from the vault thread: bytes, or the thread failed us (an outage, never a value). */
export function vaultBytes(value: unknown): Buffer {
  if (!(value instanceof Uint8Array)) throw new HsmError("ERR_HSM_UNAVAILABLE");
  return asBuffer(value);
}
