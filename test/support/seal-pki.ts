// A VDS-NC PKI made by the test (ICAO Doc 9303-12), dated as the test needs: a CSCA (P-256, self-signed) and a barcode
// signer it issues with the critical VDS-NC extended key usage and the document type list NV, NT; seals signed with
// node:crypto over JCS(data) (src/icao/canonical-json.ts). Keys are generated here, never published ones.
import { generateKeyPairSync, sign, type X509Certificate } from "node:crypto";
import { OctetString } from "@peculiar/asn1-schema";
import { ExtendedKeyUsage, Extension, id_ce_extKeyUsage } from "@peculiar/asn1-x509";
import { extension } from "../../src/cli/hsm-init/certificate-builder.js";
import { canonicalJson } from "../../src/icao/canonical-json.js";
import { DOCUMENT_TYPE_LIST_OID, VDS_NC_SIGNER_EKU } from "../../src/icao/certificate-profile.js";
import { issueTestCertificate } from "./x509.js";

/** SEQUENCE { INTEGER 0, SET { PrintableString "NV", PrintableString "NT" } } (Doc 9303-12 documentTypeList). */
const NV_NT = Buffer.from("300d020100310813024e561302" + "4e54", "hex");
const NOT_AFTER = new Date("2040-12-31T23:59:59Z");

export interface SealPki {
  readonly csca: X509Certificate;
  readonly signer: X509Certificate;
  /** `{"data", "sig"}` of `data`, signed by the barcode signer. */
  seal(data: unknown): string;
}

export function makeSealPki(notBefore = new Date("2021-01-01T00:00:00Z")): SealPki {
  const cscaKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const signerKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const csca = issueTestCertificate({
    subject: "TEST HEALTH CSCA",
    issuer: "TEST HEALTH CSCA",
    publicKey: cscaKeys.publicKey,
    signingKey: cscaKeys.privateKey,
    notBefore,
    notAfter: NOT_AFTER,
  });
  const signer = issueTestCertificate({
    subject: "TEST VDS-NC SIGNER",
    issuer: "TEST HEALTH CSCA",
    publicKey: signerKeys.publicKey,
    signingKey: cscaKeys.privateKey,
    notBefore,
    notAfter: NOT_AFTER,
    extensions: [
      extension(id_ce_extKeyUsage, true, new ExtendedKeyUsage([VDS_NC_SIGNER_EKU])),
      new Extension({ extnID: DOCUMENT_TYPE_LIST_OID, critical: false, extnValue: new OctetString(NV_NT) }),
    ],
  });
  return {
    csca,
    signer,
    seal(data) {
      const sigvl = sign("sha256", Buffer.from(canonicalJson(data), "utf8"), { key: signerKeys.privateKey, dsaEncoding: "ieee-p1363" });
      return JSON.stringify({ data, sig: { alg: "ES256", cer: signer.raw.toString("base64url"), sigvl: sigvl.toString("base64url") } });
    },
  };
}
