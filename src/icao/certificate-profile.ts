// The barcode signer certificate (BSC) profile of ICAO Doc 9303-12 for VDS-NC signers: the extended key usage
// `2.23.136.1.1.14.2` (critical) and the document type list extension `2.23.136.1.1.6.2`
//   DocumentTypeList ::= SEQUENCE { version INTEGER (0), docTypeList SET OF PrintableString }
// (`NV` vaccination seals, `NT` test seals). Read here for the service's own signers and for the verifier, and
// written by `hsm init` (src/cli/hsm-init/icao-pki.ts). docs/international-format.md, "Keys and certificates".
import type { X509Certificate } from "node:crypto";
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from "@peculiar/asn1-schema";
import * as x509 from "@peculiar/asn1-x509";

export const VDS_NC_SIGNER_EKU = "2.23.136.1.1.14.2";
export const DOCUMENT_TYPE_LIST_OID = "2.23.136.1.1.6.2";

/** ICAO Doc 9303-12 documentTypeList (the schema is declared by calls: the project compiles without decorators). */
export class DocumentTypeList {
  version = 0;
  docTypeList: string[] = [];

  constructor(types: readonly string[] = []) {
    this.docTypeList = [...types];
  }
}
AsnType({ type: AsnTypeTypes.Sequence })(DocumentTypeList);
AsnProp({ type: AsnPropTypes.Integer })(DocumentTypeList.prototype, "version");
AsnProp({ type: AsnPropTypes.PrintableString, repeated: "set" })(DocumentTypeList.prototype, "docTypeList");

/** What a verifier and the start-up checks read in a BSC. */
export interface SignerProfile {
  /** The VDS-NC extended key usage is present (and the EKU extension is critical, as the profile requires). */
  readonly extendedKeyUsage: boolean;
  /** The document types the certificate lists, in its order; empty when the extension is absent or unreadable. */
  readonly documentTypes: readonly string[];
}

function extensionsOf(certificate: X509Certificate): readonly x509.Extension[] {
  return AsnConvert.parse(certificate.raw, x509.Certificate).tbsCertificate.extensions ?? [];
}

/** Reads the profile of a certificate; a malformed extension counts as absent (fail closed). */
export function readSignerProfile(certificate: X509Certificate): SignerProfile {
  let extensions: readonly x509.Extension[];
  try {
    extensions = extensionsOf(certificate);
  } catch {
    return { extendedKeyUsage: false, documentTypes: [] };
  }
  return { extendedKeyUsage: hasSignerEku(extensions), documentTypes: documentTypesOf(extensions) };
}

function hasSignerEku(extensions: readonly x509.Extension[]): boolean {
  const found = extensions.find((extension) => extension.extnID === x509.id_ce_extKeyUsage);
  if (found === undefined || !found.critical) return false;
  try {
    return AsnConvert.parse(found.extnValue, x509.ExtendedKeyUsage).includes(VDS_NC_SIGNER_EKU);
  } catch {
    return false;
  }
}

function documentTypesOf(extensions: readonly x509.Extension[]): readonly string[] {
  const found = extensions.find((extension) => extension.extnID === DOCUMENT_TYPE_LIST_OID);
  if (found === undefined) return [];
  try {
    return AsnConvert.parse(found.extnValue, DocumentTypeList).docTypeList;
  } catch {
    return [];
  }
}
