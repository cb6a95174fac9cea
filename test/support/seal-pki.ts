// A VDS-NC PKI made by the test (ICAO Doc 9303-12), dated as the test needs: a CSCA (P-256, self-signed) and a barcode
// signer it issues with the critical VDS-NC extended key usage and the document type list NV, NT; seals signed with
// node:crypto over JCS(data) (src/icao/canonical-json.ts). Keys are generated here, never published ones.
import { generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  id_ce_extKeyUsage,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from "@peculiar/asn1-x509";
import { canonicalJson } from "../../src/icao/canonical-json.js";
import { DOCUMENT_TYPE_LIST_OID, VDS_NC_SIGNER_EKU } from "../../src/icao/certificate-profile.js";

const ECDSA_SHA256 = new AlgorithmIdentifier({ algorithm: "1.2.840.10045.4.3.2" });
/** SEQUENCE { INTEGER 0, SET { PrintableString "NV", PrintableString "NT" } } (Doc 9303-12 documentTypeList). */
const NV_NT = Buffer.from("300d020100310813024e561302" + "4e54", "hex");

function name(commonName: string): Name {
  const rdn = (type: string, value: string) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ printableString: value }) })]);
  return new Name([rdn("2.5.4.6", "FR"), rdn("2.5.4.3", commonName)]);
}

function certificate(
  subject: string,
  issuer: string,
  publicKey: KeyObject,
  signingKey: KeyObject,
  notBefore: Date,
  extensions?: Extensions,
) {
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: Uint8Array.from([0x01, ...randomBytes(8)]).buffer,
    signature: ECDSA_SHA256,
    issuer: name(issuer),
    subject: name(subject),
    validity: new Validity({ notBefore, notAfter: new Date("2040-12-31T23:59:59Z") }),
    subjectPublicKeyInfo: AsnConvert.parse(publicKey.export({ type: "spki", format: "der" }), SubjectPublicKeyInfo),
    ...(extensions === undefined ? {} : { extensions }),
  });
  const signature = sign("sha256", Buffer.from(AsnConvert.serialize(tbs)), signingKey);
  const der = AsnConvert.serialize(
    new Certificate({ tbsCertificate: tbs, signatureAlgorithm: ECDSA_SHA256, signatureValue: Uint8Array.from(signature).buffer }),
  );
  return new X509Certificate(Buffer.from(der));
}

export interface SealPki {
  readonly csca: X509Certificate;
  readonly signer: X509Certificate;
  /** `{"data", "sig"}` of `data`, signed by the barcode signer. */
  seal(data: unknown): string;
}

export function makeSealPki(notBefore = new Date("2021-01-01T00:00:00Z")): SealPki {
  const cscaKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signerKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const csca = certificate("TEST HEALTH CSCA", "TEST HEALTH CSCA", cscaKeys.publicKey, cscaKeys.privateKey, notBefore);
  const extensions = new Extensions([
    new Extension({
      extnID: id_ce_extKeyUsage,
      critical: true,
      extnValue: new OctetString(AsnConvert.serialize(new ExtendedKeyUsage([VDS_NC_SIGNER_EKU]))),
    }),
    new Extension({ extnID: DOCUMENT_TYPE_LIST_OID, critical: false, extnValue: new OctetString(NV_NT) }),
  ]);
  const signer = certificate("TEST VDS-NC SIGNER", "TEST HEALTH CSCA", signerKeys.publicKey, cscaKeys.privateKey, notBefore, extensions);
  return {
    csca,
    signer,
    seal(data) {
      const sigvl = sign("sha256", Buffer.from(canonicalJson(data), "utf8"), { key: signerKeys.privateKey, dsaEncoding: "ieee-p1363" });
      return JSON.stringify({ data, sig: { alg: "ES256", cer: signer.raw.toString("base64url"), sigvl: sigvl.toString("base64url") } });
    },
  };
}
