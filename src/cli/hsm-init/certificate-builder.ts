// Builds X.509 certificates for the development PKI (EU DCC Technical Specifications Vol. 1, CSCA and DSC
// templates): the TBSCertificate is encoded here and signed ECDSA-with-SHA256 by a caller-supplied signer returning raw `r‖s` (SHA-256 in Node +
// CKM_ECDSA in the token, or node:crypto in unit tests). X.509 wants DER signatures: converted in src/crypto.
import { createHash, randomBytes } from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import * as x509 from "@peculiar/asn1-x509";
import { rawToDer } from "../../crypto/ecdsa-signature.js";

/** ECDSA P-256 with SHA-256 over the given bytes → raw `r‖s`. */
export type RawSigner = (data: Buffer) => Promise<Buffer>;

export interface SubjectName {
  readonly commonName: string;
  readonly country: string;
  readonly organization?: string;
}

export interface CertificateSpec {
  readonly subject: SubjectName;
  readonly issuer: SubjectName;
  readonly subjectPublicKeyInfo: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly x509.Extension[];
}

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

/** Encodes, signs and returns the certificate DER. */
export async function issueCertificate(spec: CertificateSpec, sign: RawSigner): Promise<Buffer> {
  const algorithm = new x509.AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const tbsCertificate = new x509.TBSCertificate({
    version: x509.Version.v3,
    serialNumber: positiveSerial(),
    signature: algorithm,
    issuer: encodeName(spec.issuer),
    validity: new x509.Validity({ notBefore: spec.notBefore, notAfter: spec.notAfter }),
    subject: encodeName(spec.subject),
    subjectPublicKeyInfo: AsnConvert.parse(spec.subjectPublicKeyInfo, x509.SubjectPublicKeyInfo),
    extensions: new x509.Extensions([...spec.extensions]),
  });
  const tbs = Buffer.from(AsnConvert.serialize(tbsCertificate));
  const raw = await sign(tbs);
  const certificate = new x509.Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm,
    signatureValue: toArrayBuffer(rawToDer(raw)),
  });
  return Buffer.from(AsnConvert.serialize(certificate));
}

/** DER → PEM with 64-character lines (RFC 7468 §2). */
export function toPem(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING (here the 65-byte EC point). */
export function keyIdentifierOf(spki: Buffer): Buffer {
  const parsed = AsnConvert.parse(spki, x509.SubjectPublicKeyInfo);
  return createHash("sha1").update(Buffer.from(parsed.subjectPublicKey)).digest();
}

export function extension(extnID: string, critical: boolean, value: unknown): x509.Extension {
  return new x509.Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function basicConstraintsCa(): x509.Extension {
  return extension(x509.id_ce_basicConstraints, true, new x509.BasicConstraints({ cA: true, pathLenConstraint: 0 }));
}

export function keyUsage(flags: number): x509.Extension {
  return extension(x509.id_ce_keyUsage, true, new x509.KeyUsage(flags));
}

export function extendedKeyUsage(oids: readonly string[]): x509.Extension {
  return extension(x509.id_ce_extKeyUsage, false, new x509.ExtendedKeyUsage([...oids]));
}

export function subjectKeyIdentifier(keyId: Buffer): x509.Extension {
  return extension(x509.id_ce_subjectKeyIdentifier, false, new x509.SubjectKeyIdentifier(keyId));
}

export function authorityKeyIdentifier(keyId: Buffer): x509.Extension {
  const aki = new x509.AuthorityKeyIdentifier({ keyIdentifier: new x509.KeyIdentifier(keyId) });
  return extension(x509.id_ce_authorityKeyIdentifier, false, aki);
}

// RFC 5280 §4.1.2.4 and Appendix A: C is a PrintableString country code; CN and O are UTF8String.
function encodeName(name: SubjectName): x509.Name {
  const rdn = (type: string, value: x509.AttributeValue) =>
    new x509.RelativeDistinguishedName([new x509.AttributeTypeAndValue({ type, value })]);
  const rdns = [rdn("2.5.4.6", new x509.AttributeValue({ printableString: name.country }))];
  if (name.organization !== undefined) rdns.push(rdn("2.5.4.10", new x509.AttributeValue({ utf8String: name.organization })));
  rdns.push(rdn("2.5.4.3", new x509.AttributeValue({ utf8String: name.commonName })));
  return new x509.Name(rdns);
}

// RFC 5280 §4.1.2.2: positive, at most 20 octets, unique: 16 random bytes with the top bit cleared.
function positiveSerial(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  return toArrayBuffer(serial);
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
