// The ports through which the rest of the product uses keys that live in the HSM.
// Production hands in the PKCS#11 implementation; unit tests may hand in a node:crypto stub.
import type { X509Certificate } from "node:crypto";
import type { CertificateType } from "../dcc/types.js";
import type { SealDocumentType } from "../icao/seal-types.js";

/** A certificate and the HSM private key that matches it. */
export interface CertifiedKey {
  readonly certificate: X509Certificate;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** ECDSA P-256 over a 32-byte SHA-256 digest computed by the caller; returns raw `r‖s` (64 bytes). */
  sign(digest: Buffer): Promise<Buffer>;
}

/** One document signer: a DSC certificate and the HSM private key that matches it. */
export interface DccSigner extends CertifiedKey {
  /** First 8 bytes of SHA-256 of the DSC DER (hcert §A.1). */
  readonly kid: Buffer;
  readonly types: readonly CertificateType[];
}

/** A barcode signer of ICAO VDS-NC seals (ICAO_SIGNERS): its certificate, the seal document types it signs (ES256). */
export interface SealSigner extends CertifiedKey {
  readonly types: readonly SealDocumentType[];
}

/** An extra signing key that is not a DSC (an upload signer): its certificate, for the caller's CMS. */
export interface UploadSigner {
  readonly certificate: X509Certificate;
  readonly certificateDer: Buffer;
}

/** Everything with custody that the conversion needs from the HSM. */
export interface KeyVault {
  /** The newest DSC valid at `at` (default now) for a type (key rotation); DccError ERR_DCC_NO_SIGNER when none. */
  signerFor(type: CertificateType, at?: Date): DccSigner;
  readonly signers: readonly DccSigner[];
  /** The newest barcode signer valid at `at` for a seal type; ERR_FORMAT_OFF when ICAO_SIGNERS lists none. */
  sealSignerFor(type: SealDocumentType, at?: Date): SealSigner;
  readonly sealSigners: readonly SealSigner[];
  /** HMAC-SHA256 with the UVCI key that never leaves the HSM (UVCI derivation, src/dcc/uvci.ts). */
  keyedHash(data: Buffer): Promise<Buffer>;
  /** ECDH (CKM_ECDH1_DERIVE) with a TousAntiCovid v2 key alias: the 32-byte shared x coordinate. */
  deriveSharedSecret(alias: string, peerPublicPoint: Buffer): Promise<Buffer>;
  /** Base64 SPKI of each live TousAntiCovid v2 alias. */
  readonly keyAgreementKeys: Readonly<Record<string, string>>;
  /** True when the last HSM call succeeded (or a reconnect did). */
  readonly available: boolean;
  /** The upload signer's certificate, when the vault was opened with one. */
  readonly uploadSigner: UploadSigner | undefined;
  /** ECDSA P-256 with the upload signer's key over a 32-byte SHA-256 digest → raw r‖s (64 bytes). */
  signUpload(digest: Buffer): Promise<Buffer>;
  /** PKCS#11 sessions, and operations queued or in flight (the dcc_hsm_sessions gauge). */
  readonly sessions: { readonly size: number; readonly busy: number; readonly waiting: number };
  /** A real signature through a pooled session: readiness probe. */
  probe(): Promise<void>;
  close(): Promise<void>;
}
