// Certificates made by the tests (RFC 5280), on keys the tests generate — never published ones: the TBSCertificate built
// with @peculiar/asn1-x509 and signed ECDSA-with-SHA256 by node:crypto (X.509 wants the DER ECDSA-Sig-Value, node's
// default encoding). Names are C (the subject's country, FR unless given) and CN, both PrintableString; extensions are
// the caller's (the product's `extension` in src/cli/hsm-init/certificate-builder.ts builds one).
import { randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extensions,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  type Extension,
} from "@peculiar/asn1-x509";

const ECDSA_SHA256 = new AlgorithmIdentifier({ algorithm: "1.2.840.10045.4.3.2" });

export interface TestCertificateSpec {
  /** The subject's CN. */
  readonly subject: string;
  /** The subject's C; FR unless a test needs a foreign one. */
  readonly subjectCountry?: string;
  /** The issuer's CN (its C is FR). */
  readonly issuer: string;
  readonly publicKey: KeyObject;
  /** The issuer's private key (the subject's own for a self-signed certificate). */
  readonly signingKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** None: the certificate has no extensions field. */
  readonly extensions?: readonly Extension[];
}

function name(commonName: string, country: string): Name {
  const rdn = (type: string, value: string) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ printableString: value }) })]);
  return new Name([rdn("2.5.4.6", country), rdn("2.5.4.3", commonName)]);
}

export function issueTestCertificate(spec: TestCertificateSpec): X509Certificate {
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: Uint8Array.from([0x01, ...randomBytes(8)]).buffer,
    signature: ECDSA_SHA256,
    issuer: name(spec.issuer, "FR"),
    subject: name(spec.subject, spec.subjectCountry ?? "FR"),
    validity: new Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subjectPublicKeyInfo: AsnConvert.parse(spec.publicKey.export({ type: "spki", format: "der" }), SubjectPublicKeyInfo),
    ...(spec.extensions === undefined ? {} : { extensions: new Extensions([...spec.extensions]) }),
  });
  const signature = sign("sha256", Buffer.from(AsnConvert.serialize(tbs)), spec.signingKey);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: ECDSA_SHA256,
    signatureValue: Uint8Array.from(signature).buffer,
  });
  return new X509Certificate(Buffer.from(AsnConvert.serialize(certificate)));
}
