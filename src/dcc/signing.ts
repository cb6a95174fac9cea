// The port through which a conversion signs its DCC (hcert §3.3.1, ES256) and derives its UVCI (src/dcc/uvci.ts)
// with keys that never leave the HSM. Production hands in the PKCS#11 implementation (src/hsm/key-vault.ts on the
// main thread, src/hsm/worker-sessions.ts in a conversion worker); unit tests may hand in a node:crypto stub.
import type { X509Certificate } from "node:crypto";
import type { CertificateType } from "./types.js";

/** One document signer: a DSC certificate and the HSM private key that matches it. */
export interface DccSigner {
  /** First 8 bytes of SHA-256 of the DSC DER (hcert §A.1). */
  readonly kid: Buffer;
  readonly types: readonly CertificateType[];
  readonly certificate: X509Certificate;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** ECDSA P-256 over a 32-byte SHA-256 digest computed by the caller; returns raw `r‖s` (64 bytes). */
  sign(digest: Buffer): Promise<Buffer>;
}

/** The UVCI keyed hash: what derives a certificate's UVCI, and what a revocation needs (src/dcc/uvci.ts). */
export interface UvciHashing {
  /** HMAC-SHA256 with the UVCI key that never leaves the HSM. */
  keyedHash(data: Buffer): Promise<Buffer>;
}

/** Signing a DCC: the DSCs, the one that signs a type at a time, and the UVCI keyed hash. */
export interface DccSigning extends UvciHashing {
  readonly signers: readonly DccSigner[];
  /** The newest DSC valid at `at` (default now) for a type (key rotation); DccError ERR_DCC_NO_SIGNER when none. */
  signerFor(type: CertificateType, at?: Date): DccSigner;
}
