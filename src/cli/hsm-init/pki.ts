// The development PKI (EU DCC Technical Specifications Vol. 1, CSCA and DSC templates): a self-signed CSCA, one
// DSC per certificate type and an upload certificate, all signed through the token with the CSCA key. Development
// certificates only: never to be uploaded to a trust list or the gateway.
import { KeyUsageFlags, type Extension } from "@peculiar/asn1-x509";
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
// hcert App. A and the eHN certificate governance (dgc-overview guides/certificate-governance.md §3.2): CSCA 4 years, DSC 2 years. Backdated one day so clocks slightly behind still accept them.
const CSCA_DAYS = 4 * 365;
const DSC_DAYS = 2 * 365;
const UPLOAD_DAYS = 2 * 365;

/** A self-signed development CSCA: the DCC's (default name), or another (the ICAO health CSCA, icao-pki.ts). */
export async function issueDevCsca(spki: Buffer, sign: RawSigner, now: Date, name: SubjectName = DEV_CSCA_NAME): Promise<Buffer> {
  const ski = keyIdentifierOf(spki);
  return issueCertificate(
    {
      subject: name,
      issuer: name,
      subjectPublicKeyInfo: spki,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + CSCA_DAYS * DAY_MS),
      // CSCA template (certificate governance §4.2): CA true pathLen 0, keyCertSign (+ cRLSign), unique SKI.
      extensions: [basicConstraintsCa(), keyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign), subjectKeyIdentifier(ski)],
    },
    sign,
  );
}

/** A certificate the development CSCA issues: its usage extensions, then AKI = CSCA SKI and its own SKI. */
function issueUnderDevCsca(
  subject: SubjectName,
  usage: readonly Extension[],
  days: number,
  spki: Buffer,
  cscaSpki: Buffer,
  signWithCsca: RawSigner,
  now: Date,
): Promise<Buffer> {
  return issueCertificate(
    {
      subject,
      issuer: DEV_CSCA_NAME,
      subjectPublicKeyInfo: spki,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + days * DAY_MS),
      extensions: [...usage, authorityKeyIdentifier(keyIdentifierOf(cscaSpki)), subjectKeyIdentifier(keyIdentifierOf(spki))],
    },
    signWithCsca,
  );
}

// DSC template (hcert App. A; certificate governance §4.3): KU digitalSignature (critical), AKI = CSCA SKI, own SKI, EKU with both arcs of its type.
export async function issueDevDsc(
  type: CertificateType,
  name: CertificateTypeName,
  spki: Buffer,
  cscaSpki: Buffer,
  signWithCsca: RawSigner,
  now: Date,
): Promise<Buffer> {
  const subject = { commonName: `DCC Converter DEV DSC ${name}`, country: "FR", organization: ORGANIZATION };
  const usage = [keyUsage(KeyUsageFlags.digitalSignature), extendedKeyUsage(keyUsageOids(type))];
  return issueUnderDevCsca(subject, usage, DSC_DAYS, spki, cscaSpki, signWithCsca, now);
}

// The national backend's upload certificate (NB_UP), which signs what is uploaded to the EU gateway (revocation
// batches, docs/revocation.md). Digital Green Certificate – Public Key Certificate Governance (eHealth Network,
// github.com/eu-digital-green-certificates/dgc-overview, guides/certificate-governance.md): §2.4, a certificate of its
// own (not the CSCA, a DSC or the TLS client), self-signed or CA-issued; §3.2, valid 1–2 years; §4.4, subject CN and C
// required, O recommended, keyUsage digitalSignature at minimum, no extended key usage. Here the development CSCA
// issues it, so `openssl cms -verify -CAfile csca.pem` checks the chain.
export async function issueDevUpload(spki: Buffer, cscaSpki: Buffer, signWithCsca: RawSigner, now: Date): Promise<Buffer> {
  const subject = { commonName: "DCC Converter DEV NB_UP", country: "FR", organization: ORGANIZATION };
  return issueUnderDevCsca(subject, [keyUsage(KeyUsageFlags.digitalSignature)], UPLOAD_DAYS, spki, cscaSpki, signWithCsca, now);
}
