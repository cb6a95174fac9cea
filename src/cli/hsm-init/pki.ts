// The development PKI (EU DCC Technical Specifications Vol. 1, CSCA and DSC templates): a self-signed CSCA and one
// DSC per certificate type, all signed through the token with the CSCA key. Development certificates only: never
// to be uploaded to a trust list.
import { KeyUsageFlags } from "@peculiar/asn1-x509";
import type { CertificateType, CertificateTypeName } from "../../dcc/types.js";
import { keyUsageOids } from "../../dcc/check-key-usage.js";
import type { RawSigner, SubjectName } from "./certificate-builder.js";
import {
  authorityKeyIdentifier,
  basicConstraintsCa,
  extendedKeyUsage,
  issueCertificate,
  keyIdentifierOf,
  keyUsage,
  subjectKeyIdentifier,
} from "./certificate-builder.js";

const ORGANIZATION = "DCC Converter development";
export const DEV_CSCA_NAME: SubjectName = { commonName: "DCC Converter DEV CSCA", country: "FR", organization: ORGANIZATION };
const DAY_MS = 86_400_000;
// §7: CSCA 4 years, DSC 2 years. Backdated one day so clocks slightly behind still accept them.
const CSCA_DAYS = 4 * 365;
const DSC_DAYS = 2 * 365;

export async function issueDevCsca(spki: Buffer, sign: RawSigner, now: Date): Promise<Buffer> {
  const ski = keyIdentifierOf(spki);
  return issueCertificate(
    {
      subject: DEV_CSCA_NAME,
      issuer: DEV_CSCA_NAME,
      subjectPublicKeyInfo: spki,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + CSCA_DAYS * DAY_MS),
      // §7 CSCA template: CA true pathLen 0, keyCertSign (+ cRLSign), unique SKI.
      extensions: [basicConstraintsCa(), keyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign), subjectKeyIdentifier(ski)],
    },
    sign,
  );
}

export async function issueDevDsc(
  type: CertificateType,
  name: CertificateTypeName,
  spki: Buffer,
  cscaSpki: Buffer,
  signWithCsca: RawSigner,
  now: Date,
): Promise<Buffer> {
  return issueCertificate(
    {
      subject: { commonName: `DCC Converter DEV DSC ${name}`, country: "FR", organization: ORGANIZATION },
      issuer: DEV_CSCA_NAME,
      subjectPublicKeyInfo: spki,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + DSC_DAYS * DAY_MS),
      // §7 DSC template: KU digitalSignature (critical), AKI = CSCA SKI, own SKI, EKU with both arcs of its type.
      extensions: [
        keyUsage(KeyUsageFlags.digitalSignature),
        extendedKeyUsage(keyUsageOids(type)),
        authorityKeyIdentifier(keyIdentifierOf(cscaSpki)),
        subjectKeyIdentifier(keyIdentifierOf(spki)),
      ],
    },
    signWithCsca,
  );
}
