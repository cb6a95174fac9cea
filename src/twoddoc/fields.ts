// The perimeter-01 field dictionary of the two Covid document types, as data (ANTS 2D-Doc, perimeter 01: B2 "Test COVID", L1 "Attestation Vaccinale").
// Every DI of B2 and L1 is mandatory (ANTS 2D-Doc Covid perimeter: the conformance
// table lists no optional DI).
// Charsets are deliberately tolerant where issuers were: names and free text accept any printable
// ASCII (issuers wrote an apostrophe although it is not in the allowed set; ANTS 2D-Doc, L1: L3–L6 are free
// text whose outside characters the issuer should have replaced by spaces). Dates are only checked
// to be digits here: L2 may be a "lunar" date, the mapping decides what a date means.
import { isCovidDocument, type CovidDocumentType, type Header } from "./types.js";

export type Charset = "digits" | "letters" | "alphanumeric" | "printable";

export interface FieldRule {
  readonly min: number;
  readonly max: number;
  /** Fixed fields (min = max) have no terminator; variable ones end with GS, RS (cut) or US. */
  readonly fixed: boolean;
  readonly charset: Charset;
}

const CHARSET_PATTERN: Readonly<Record<Charset, RegExp>> = {
  digits: /^\d*$/,
  letters: /^[A-Z]*$/,
  alphanumeric: /^[A-Z0-9]*$/,
  printable: /^[\x20-\x7e]*$/,
};

function fixed(length: number, charset: Charset): FieldRule {
  return Object.freeze({ min: length, max: length, fixed: true, charset });
}

function variable(min: number, max: number, charset: Charset): FieldRule {
  return Object.freeze({ min, max, fixed: false, charset });
}

/** ANTS 2D-Doc B2 "Test COVID", in emission order. */
const B2: ReadonlyMap<string, FieldRule> = new Map([
  ["F0", variable(0, 60, "printable")], // first names [A-Z ]/ — may be empty (kit sample); F0 ≤ 60, F1 ≤ 38
  ["F1", variable(0, 38, "printable")], // family name [A-Z ]
  ["F2", fixed(8, "digits")], // birth date DDMMYYYY, `00` for unknown parts
  ["F3", fixed(1, "letters")], // sex M/F/U (no DCC field; values left to the mapping)
  ["F4", variable(3, 7, "digits")], // LOINC without hyphen, check digit glued on
  ["F5", fixed(1, "letters")], // result P/N/I/X (meaning decided by the mapping)
  ["F6", fixed(12, "digits")], // sampling date-time DDMMYYYYHHmm
]);

/** ANTS 2D-Doc L1 "Attestation Vaccinale", in emission order. */
const L1: ReadonlyMap<string, FieldRule> = new Map([
  ["L0", variable(0, 80, "printable")], // family name [A-Z0-9 ]-./
  ["L1", variable(0, 80, "printable")], // first names, `/` between them
  ["L2", fixed(8, "digits")], // birth date, possibly "lunar": not validated here
  ["L3", variable(0, 30, "printable")], // disease, `COVID-19`
  ["L4", variable(5, 15, "alphanumeric")], // ATC code, `J07BX03`
  ["L5", variable(5, 30, "printable")], // vaccine name, free text
  ["L6", variable(5, 30, "printable")], // manufacturer, free text
  ["L7", fixed(1, "digits")], // rank of the last dose
  ["L8", fixed(1, "digits")], // doses of a complete cycle
  ["L9", fixed(8, "digits")], // date of the last dose DDMMYYYY
  ["LA", fixed(2, "letters")], // cycle state CO/TE (meaning decided by the mapping)
]);

const DICTIONARIES: Readonly<Record<CovidDocumentType, ReadonlyMap<string, FieldRule>>> = { B2, L1 };

/** The dictionary of a Covid document, or `undefined` when its message is not parsed. */
export function fieldDictionary(header: Pick<Header, "documentType" | "perimeter">): ReadonlyMap<string, FieldRule> | undefined {
  return isCovidDocument(header) ? DICTIONARIES[header.documentType] : undefined;
}

/** Whether a value follows its rule's length and charset. */
export function followsRule(value: string, rule: FieldRule): boolean {
  return value.length >= rule.min && value.length <= rule.max && CHARSET_PATTERN[rule.charset].test(value);
}
