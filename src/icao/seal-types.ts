// The VDS-NC seal as this service writes and reads it (ICAO VDS-NC technical specification 2021; profiles
// `icao.vacc` and `icao.test`; docs/international-format.md gives every field's source).

/** The two profiles, and the document type each signer certificate must list (ICAO Doc 9303-12 documentTypeList). */
export const SEAL_PROFILES = { "icao.vacc": "NV", "icao.test": "NT" } as const;
export type SealProfile = keyof typeof SEAL_PROFILES;
export type SealDocumentType = (typeof SEAL_PROFILES)[SealProfile];
export const SEAL_DOCUMENT_TYPES: readonly SealDocumentType[] = ["NV", "NT"];

/** ICAO VDS-NC `pid`: the holder. */
export interface SealPerson {
  readonly n: string;
  readonly dob: string;
  readonly sex?: "M" | "F";
}

/** `icao.vacc` message: one vaccination event with one dose. */
export interface VaccinationMessage {
  readonly uvci: string;
  readonly pid: SealPerson;
  readonly ve: readonly [
    {
      readonly des: string;
      readonly nam: string;
      readonly dis: string;
      readonly vd: readonly [{ readonly dvc: string; readonly seq: number; readonly ctr: string }];
    },
  ];
}

/** `icao.test` message. */
export interface TestMessage {
  readonly utci: string;
  readonly pid: SealPerson;
  readonly sp: { readonly spn: string; readonly ctr: string };
  readonly dat: { readonly sc: string; readonly ri: string };
  readonly tr: { readonly tc: "molecular(PCR)"; readonly r: "negative" | "positive" };
}

export interface SealHeader {
  readonly t: SealProfile;
  readonly v: 1;
  readonly is: string;
}

export interface SealData {
  readonly hdr: SealHeader;
  readonly msg: VaccinationMessage | TestMessage;
}

export interface SealSignature {
  readonly alg: "ES256";
  /** base64url (no padding) of the DER barcode signer certificate. */
  readonly cer: string;
  /** base64url (no padding) of the raw r‖s signature over JCS(data). */
  readonly sigvl: string;
}

export interface Seal {
  readonly data: SealData;
  readonly sig: SealSignature;
}
