// The port through which a seal is signed (ICAO VDS-NC, ES256) with a barcode signer's key that never leaves the
// HSM. Production hands in the PKCS#11 implementation (src/hsm/key-vault.ts on the main thread,
// src/hsm/worker-sessions.ts in a conversion worker); the keys sit beside the DSCs' (docs/international-format.md).
import type { CertifiedKey } from "../dcc/signing.js";
import type { SealDocumentType } from "./seal-types.js";

/** A barcode signer (ICAO_SIGNERS): its certificate, the seal document types it signs, its key in the HSM (ES256). */
export interface SealSigner extends CertifiedKey {
  readonly types: readonly SealDocumentType[];
}

/** Signing a seal: the barcode signers, and the one that signs a type at a time. */
export interface SealSigning {
  /** Empty when ICAO_SIGNERS is unset: the format is off. */
  readonly sealSigners: readonly SealSigner[];
  /** The newest signer valid at `at` (default now) for a type; ERR_FORMAT_OFF with none at all, ERR_DCC_NO_SIGNER with none valid. */
  sealSignerFor(type: SealDocumentType, at?: Date): SealSigner;
}
