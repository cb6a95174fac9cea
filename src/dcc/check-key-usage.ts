// Which certificate types a DSC may sign (hcert §A.4; dgc-testdata README, flag semantics): no extended key usage ⇒ every type;
// otherwise the EKU must hold an OID of the DCC's type, on either arc — `1.3.6.1.4.1.1847.2021.1.x` (the spec)
// or `1.3.6.1.4.1.0.1847.2021.1.x` (early drafts; 504 of 585 corpus EKU entries; every major verifier accepts it).
// Like the EU harness, an EKU holding only non-DCC OIDs (clientAuth, say) allows nothing.
import type { X509Certificate } from "node:crypto";
import { DccError } from "../errors.js";
import type { CertificateType } from "./types.js";

const TYPE_ARC: Readonly<Record<CertificateType, string>> = { t: "1", v: "2", r: "3" };
const ARCS = ["1.3.6.1.4.1.1847.2021.1.", "1.3.6.1.4.1.0.1847.2021.1."];

/** The EKU OIDs of each type, both arcs (also used by the test signer). */
export function keyUsageOids(type: CertificateType): string[] {
  return ARCS.map((arc) => arc + TYPE_ARC[type]);
}

export function checkKeyUsage(certificate: X509Certificate, type: CertificateType): void {
  // node:crypto's `keyUsage` is the extended key usage list, `undefined` when the extension is absent.
  // An EKU extension listing no OID at all restricts nothing either (common CO15 "no OID present": valid).
  const eku = certificate.keyUsage as string[] | undefined;
  if (eku === undefined || eku.length === 0) return;
  const allowed = keyUsageOids(type);
  if (!eku.some((oid) => allowed.includes(oid))) throw new DccError("ERR_DSC_KEY_USAGE", { field: type });
}
