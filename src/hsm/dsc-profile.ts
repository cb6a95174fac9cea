// The DSC profile checked at open (EU DCC Technical Specifications Vol. 1, DSC template; hcert §A.4 extended key usage):
// P-256 key, keyUsage digitalSignature, and an EKU extension — when present — allowing every type signed.
import type { X509Certificate } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import * as x509 from "@peculiar/asn1-x509";
import { keyUsageOids } from "../dcc/check-key-usage.js";
import type { CertificateType } from "../dcc/types.js";
import { ConfigError, HsmError } from "../errors.js";
import { p256PointOf } from "./ec-point.js";

/** Returns the DSC's 65-byte public point, or throws naming `field` (never a certificate value). */
export function checkDscProfile(certificate: X509Certificate, types: readonly CertificateType[], field: string): Buffer {
  // hcert §3.3.1: ES256 (ECDSA P-256 with SHA-256) is the primary algorithm; this product signs with P-256 only.
  const point = p256PointOf(certificate.publicKey);
  if (point === undefined) throw new ConfigError("ERR_CONFIG", { field });
  const parsed = AsnConvert.parse(certificate.raw, x509.Certificate);
  const extensions = parsed.tbsCertificate.extensions ?? [];
  const usage = findExtension(extensions, x509.id_ce_keyUsage, x509.KeyUsage);
  if (usage === undefined || (usage.toNumber() & x509.KeyUsageFlags.digitalSignature) === 0) {
    throw new HsmError("ERR_HSM_KEY", { field });
  }
  const eku = findExtension(extensions, x509.id_ce_extKeyUsage, x509.ExtendedKeyUsage);
  // No EKU ⇒ valid for all types; present EKUs are enforced by verifiers (common tests CO6–CO15).
  if (eku !== undefined && !types.every((type) => keyUsageOids(type).some((oid) => eku.includes(oid)))) {
    throw new HsmError("ERR_HSM_KEY", { field });
  }
  return point;
}

function findExtension<T>(extensions: readonly x509.Extension[], oid: string, type: new () => T): T | undefined {
  const found = extensions.find((extension) => extension.extnID === oid);
  return found === undefined ? undefined : AsnConvert.parse(found.extnValue, type);
}
