// hcert §3.3.2, §A.1: kid = the first 8 bytes of SHA-256 over the whole DSC certificate in DER
// (not over its public key) — what DGCA, the CH signer, pathcheck and the EU test harness compute.
import { createHash, type X509Certificate } from "node:crypto";

export const KID_LENGTH = 8;

export function computeKid(certificate: X509Certificate | Uint8Array): Buffer {
  const der = certificate instanceof Uint8Array ? certificate : certificate.raw;
  return createHash("sha256").update(der).digest().subarray(0, KID_LENGTH);
}
