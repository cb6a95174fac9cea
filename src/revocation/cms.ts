// CMS SignedData over a revocation batch (RFC 5652 §5), the form the EU gateway takes on `POST /revocation-list`
// (`application/cms`): content attached (id-data), the upload certificate (NB_UP) included, one SignerInfo
// identified by issuer and serial number, SHA-256 (RFC 5754), signed attributes content-type, message-digest
// and signing-time (RFC 5652 §11), signed with ECDSA P-256 (RFC 5753 §2.1.1) or RSA PKCS#1 v1.5 (RFC 4056 §1
// via RFC 8017) according to the certificate's key.
import { createHash } from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { Certificate } from "@peculiar/asn1-x509";
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContent,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  MessageDigest,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  SigningTime,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  id_signingTime,
} from "@peculiar/asn1-cms";
import { encodeLength, rawToDer } from "../crypto/ecdsa-signature.js";

/** The upload key: its certificate (DER) and a signature over a SHA-256 digest, inside the HSM in production. */
export interface CmsSigner {
  readonly certificate: Uint8Array;
  /** EC keys: raw `r‖s` (PKCS#11 CKM_ECDSA) or DER ECDSA-Sig-Value; RSA keys: the PKCS#1 v1.5 signature. */
  sign(digest: Uint8Array): Promise<Uint8Array>;
}

const OID_SHA256 = "2.16.840.1.101.3.4.2.1";
const OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const OID_RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2";
const OID_RSA_SHA256 = "1.2.840.113549.1.1.11";
// X.690 §8.19: the DER of the OBJECT IDENTIFIER id-data (1.2.840.113549.1.7.1), the content-type attribute's value.
const ID_DATA_DER = Buffer.from("06092a864886f70d010701", "hex");
// X.690 §8.8: NULL, the parameters of sha256WithRSAEncryption (RFC 4055 §5).
const NULL_DER = Buffer.from("0500", "hex");

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return Uint8Array.from(bytes).buffer;
}

function signatureAlgorithmOf(certificate: Certificate): SignatureAlgorithmIdentifier {
  const keyAlgorithm = certificate.tbsCertificate.subjectPublicKeyInfo.algorithm.algorithm;
  if (keyAlgorithm === OID_EC_PUBLIC_KEY) return new SignatureAlgorithmIdentifier({ algorithm: OID_ECDSA_SHA256 });
  if (keyAlgorithm === OID_RSA_ENCRYPTION)
    return new SignatureAlgorithmIdentifier({ algorithm: OID_RSA_SHA256, parameters: arrayBuffer(NULL_DER) });
  throw new TypeError("the upload certificate's key is neither EC nor RSA");
}

function signedAttributes(digest: Buffer, signingTime: Date): { attributes: Attribute[]; toSign: Buffer } {
  const attributes = [
    new Attribute({ attrType: id_contentType, attrValues: [arrayBuffer(ID_DATA_DER)] }),
    new Attribute({ attrType: id_messageDigest, attrValues: [AsnConvert.serialize(new MessageDigest(arrayBuffer(digest)))] }),
    new Attribute({ attrType: id_signingTime, attrValues: [AsnConvert.serialize(new SigningTime(signingTime))] }),
  ];
  // X.690 §11.6: the elements of a DER SET OF in the order of their encodings.
  const encoded = attributes.map((attribute) => ({ attribute, der: Buffer.from(AsnConvert.serialize(attribute)) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  // RFC 5652 §5.4: the signature covers the DER of the attributes as an explicit SET OF (tag 0x31), not [0].
  const body = Buffer.concat(encoded.map(({ der }) => der));
  return {
    attributes: encoded.map(({ attribute }) => attribute),
    toSign: Buffer.concat([Buffer.from([0x31]), encodeLength(body.length), body]),
  };
}

function signatureValue(algorithm: SignatureAlgorithmIdentifier, signature: Uint8Array): Buffer {
  if (algorithm.algorithm !== OID_ECDSA_SHA256) return Buffer.from(signature);
  // A raw P-256 r‖s is 64 bytes; a DER ECDSA-Sig-Value is 70 to 72.
  return signature.length === 64 ? rawToDer(signature) : Buffer.from(signature);
}

/** The DER ContentInfo of a SignedData over `content`, content attached. */
export async function signCms(content: Uint8Array, signer: CmsSigner, signingTime: Date): Promise<Buffer> {
  const certificate = AsnConvert.parse(signer.certificate, Certificate);
  const signatureAlgorithm = signatureAlgorithmOf(certificate);
  const digestAlgorithm = new DigestAlgorithmIdentifier({ algorithm: OID_SHA256 });
  const { attributes, toSign } = signedAttributes(createHash("sha256").update(content).digest(), signingTime);
  const signature = await signer.sign(createHash("sha256").update(toSign).digest());
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: certificate.tbsCertificate.issuer,
        serialNumber: certificate.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm,
    signedAttrs: attributes,
    signatureAlgorithm,
    signature: new OctetString(arrayBuffer(signatureValue(signatureAlgorithm, signature))),
  });
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([digestAlgorithm]),
    encapContentInfo: new EncapsulatedContentInfo({
      eContentType: id_data,
      eContent: new EncapsulatedContent({ single: new OctetString(arrayBuffer(content)) }),
    }),
    certificates: new CertificateSet([new CertificateChoices({ certificate })]),
    signerInfos: new SignerInfos([signerInfo]),
  });
  return Buffer.from(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) })));
}
