// A test PKI for revocation-batch upload signing (the NB_UP of the EU gateway): a CA and an upload certificate
// it issued, built with @peculiar/asn1-x509 on keys the test generates, and a CmsSigner that signs a SHA-256
// digest as the HSM would (EC: raw r‖s of the digest; RSA: PKCS#1 v1.5 over the DigestInfo, RFC 8017 §9.2).
import {
  constants,
  createHash,
  generateKeyPairSync,
  privateEncrypt,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from "@peculiar/asn1-x509";
import type { CmsSigner } from "../../src/revocation/cms.js";
import { signDigest } from "./test-signer.js";

const OID_ECDSA_SHA256 = "1.2.840.10045.4.3.2";
// RFC 8017 §9.2 note 1: the DER prefix of a SHA-256 DigestInfo.
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

function name(commonName: string): Name {
  const rdn = (type: string, value: string) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ printableString: value }) })]);
  return new Name([rdn("2.5.4.6", "FR"), rdn("2.5.4.3", commonName)]);
}

function extension(extnID: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function issue(subject: string, subjectKey: KeyObject, issuer: string, issuerKey: KeyObject, ca: boolean): X509Certificate {
  const algorithm = new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA256 });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: Uint8Array.from([0x01, ...randomBytes(8)]).buffer,
    signature: algorithm,
    issuer: name(issuer),
    subject: name(subject),
    validity: new Validity({ notBefore: new Date("2021-01-01T00:00:00Z"), notAfter: new Date("2040-12-31T23:59:59Z") }),
    subjectPublicKeyInfo: AsnConvert.parse(subjectKey.export({ type: "spki", format: "der" }), SubjectPublicKeyInfo),
    extensions: new Extensions(
      ca
        ? [
            extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
            extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
          ]
        : [extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature))],
    ),
  });
  const signature = sign("sha256", Buffer.from(AsnConvert.serialize(tbs)), issuerKey);
  return new X509Certificate(
    Buffer.from(
      AsnConvert.serialize(
        new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: Uint8Array.from(signature).buffer }),
      ),
    ),
  );
}

export interface UploadPki {
  readonly caPem: string;
  readonly uploadPem: string;
  readonly signer: CmsSigner;
}

/** A CA and an upload certificate; `keyType` chooses the upload key (the CA is always P-256). */
export function makeUploadPki(keyType: "ec" | "rsa" = "ec"): UploadPki {
  const ca = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const caCertificate = issue("DCC CONVERTER TEST UPLOAD CA", ca.publicKey, "DCC CONVERTER TEST UPLOAD CA", ca.privateKey, true);
  const upload =
    keyType === "ec" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const certificate = issue("DCC CONVERTER TEST NB UP", upload.publicKey, "DCC CONVERTER TEST UPLOAD CA", ca.privateKey, false);
  const d =
    keyType === "ec" ? BigInt(`0x${Buffer.from(upload.privateKey.export({ format: "jwk" }).d ?? "", "base64url").toString("hex")}`) : 0n;
  const signer: CmsSigner = {
    certificate: certificate.raw,
    sign: async (digest) =>
      keyType === "ec"
        ? signDigest(d, Buffer.from(digest))
        : privateEncrypt({ key: upload.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])),
  };
  return { caPem: caCertificate.toString(), uploadPem: certificate.toString(), signer };
}

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest();
