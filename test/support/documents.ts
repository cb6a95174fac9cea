// VerifiedDocument builders for tests of the stages after verification (mapping, orchestration).
// Invented specimen identities only (house rules). The signature is not real: these documents stand for
// what the verifier hands on, they are never verified again.
import type { FieldValue, Header, VerifiedDocument } from "../../src/twoddoc/types.js";

export type FieldOverrides = Readonly<Record<string, string | FieldValue>>;

const B2_FIELDS = {
  F0: "CAMILLE/ANDREE",
  F1: "SPECIMEN MARTIN",
  F2: "14071985",
  F3: "F",
  F4: "945006",
  F5: "N",
  F6: "260420211030",
} as const;

const L1_FIELDS = {
  L0: "SPECIMEN DURAND",
  L1: "CLAUDE",
  L2: "02021960",
  L3: "COVID-19",
  L4: "J07BX03",
  L5: "COMIRNATY PFIZER/BIONTECH",
  L6: "COMIRNATY PFIZER/BIONTECH",
  L7: "2",
  L8: "2",
  L9: "15052021",
  LA: "TE",
} as const;

function header(documentType: string, certId: string, overrides: Partial<Header>): Header {
  return {
    version: "04",
    caId: "FR03",
    certId,
    issueDate: "2021-05-20",
    signatureDate: "2021-05-20",
    documentType,
    perimeter: "01",
    country: "FR",
    length: 26,
    ...overrides,
  };
}

/** Builds a document from base fields and overrides; the DIs listed in `remove` are left out (a missing DI). */
export function makeDocument(
  base: Readonly<Record<string, string>>,
  head: Header,
  overrides: FieldOverrides = {},
  remove: readonly string[] = [],
): VerifiedDocument {
  const fields: Record<string, FieldValue> = {};
  for (const [di, value] of Object.entries({ ...base, ...overrides })) {
    if (remove.includes(di)) continue;
    fields[di] = typeof value === "string" ? { value, truncated: false } : value;
  }
  const text = `DC04${head.caId}${head.certId}1E6A1E6A${head.documentType}01FR`;
  return {
    header: head,
    fields,
    signedData: Buffer.from(text, "latin1"),
    signature: Buffer.alloc(64),
    hasAnnex: false,
    signatureStatus: "valid",
  };
}

/** A B2 test result: negative PCR (945006) sampled 26 April 2021 10:30 in Paris, unless overridden. */
export function makeB2(
  overrides: FieldOverrides = {},
  headerOverrides: Partial<Header> = {},
  remove: readonly string[] = [],
): VerifiedDocument {
  return makeDocument(B2_FIELDS, header("B2", "AHP1", headerOverrides), overrides, remove);
}

/** An L1 vaccination: Comirnaty 2/2 completed on 15 May 2021, unless overridden. */
export function makeL1(
  overrides: FieldOverrides = {},
  headerOverrides: Partial<Header> = {},
  remove: readonly string[] = [],
): VerifiedDocument {
  return makeDocument(L1_FIELDS, header("L1", "AV01", headerOverrides), overrides, remove);
}

/** One document of each kind the mapping handles: doses and cycle states, missing and partial names and dates, each vaccine, test results. */
export function mappedDocumentKinds(): VerifiedDocument[] {
  return [
    makeL1(),
    makeL1({ L7: "1", L8: "2", LA: "CO" }),
    makeL1({ L7: "1", L8: "2", LA: "TE" }),
    makeL1({ L1: "" }),
    makeL1({ L0: "" }),
    makeL1({ L2: "00001960" }),
    makeL1({ L2: "00031960" }),
    makeL1({ L5: "MODERNA", L6: "MODERNA" }),
    makeL1({ L5: "VAXZEVRIA", L6: "ASTRAZENECA" }),
    makeL1({ L5: "JANSSEN", L6: "JANSSEN" }),
    makeL1({ L0: "SPECIMEN D'ARTAGNAN-ÉLÉ" }),
    makeB2(),
    makeB2({ F0: "" }),
    makeB2({ F6: "150120210900" }),
    makeB2({ F6: "280320210230" }),
    makeB2({ F6: "311020210230" }),
    makeB2({ F5: "P" }),
    makeB2({ F1: "", F5: "P" }),
    makeB2({ F4: "94309", F0: "JEAN LOUIS/EDOUARD" }),
  ];
}
