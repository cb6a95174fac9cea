// The development ICAO PKI behind `hsm init` (docs/international-format.md, "Keys and certificates"): a health CSCA and
// a barcode signer certificate (BSC) in the ICAO Doc 9303-12 profile, both keys in the token, signed through it.
// The BSC carries exactly the profile's extensions, as the Australian signer does: the critical extended key usage
// 2.23.136.1.1.14.2 (VDS-NC signer), the document type list 2.23.136.1.1.6.2 naming NV and NT, and the authority key
// identifier (= the CSCA's subject key identifier). Development certificates only: never published to the ICAO PKD.
import * as x509 from "@peculiar/asn1-x509";
import { DOCUMENT_TYPE_LIST_OID, DocumentTypeList, VDS_NC_SIGNER_EKU } from "../../icao/certificate-profile.js";
import { SEAL_DOCUMENT_TYPES } from "../../icao/seal-types.js";
import type { RawSigner, SubjectName } from "./certificate-builder.js";
import { authorityKeyIdentifier, extension, issueCertificate, keyIdentifierOf } from "./certificate-builder.js";
import { issueDevCsca } from "./pki.js";

const ORGANIZATION = "DCC Converter development";
export const DEV_HEALTH_CSCA_NAME: SubjectName = { commonName: "DCC Converter DEV Health CSCA", country: "FR", organization: ORGANIZATION };
const DAY_MS = 86_400_000;
const BSC_DAYS = 2 * 365;

/** The health CSCA: self-signed, its own key, the CSCA template of the DCC CSCA (CA, keyCertSign + cRLSign, its key id). */
export function issueDevHealthCsca(spki: Buffer, sign: RawSigner, now: Date): Promise<Buffer> {
  return issueDevCsca(spki, sign, now, DEV_HEALTH_CSCA_NAME);
}

export async function issueDevBarcodeSigner(spki: Buffer, cscaSpki: Buffer, signWithCsca: RawSigner, now: Date): Promise<Buffer> {
  return issueCertificate(
    {
      subject: { commonName: "DCC Converter DEV VDS-NC signer", country: "FR", organization: ORGANIZATION },
      issuer: DEV_HEALTH_CSCA_NAME,
      subjectPublicKeyInfo: spki,
      notBefore: new Date(now.getTime() - DAY_MS),
      notAfter: new Date(now.getTime() + BSC_DAYS * DAY_MS),
      extensions: [
        extension(x509.id_ce_extKeyUsage, true, new x509.ExtendedKeyUsage([VDS_NC_SIGNER_EKU])),
        extension(DOCUMENT_TYPE_LIST_OID, false, new DocumentTypeList(SEAL_DOCUMENT_TYPES)),
        authorityKeyIdentifier(keyIdentifierOf(cscaSpki)),
      ],
    },
    signWithCsca,
  );
}
