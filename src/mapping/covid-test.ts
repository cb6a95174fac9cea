// B2 "Test COVID" → a test entry `t[0]` (negative PCR) or a recovery entry `r[0]` (positive PCR); an antigen test
// likewise, for the verification only (MappingOptions.antigenTest) (ANTS 2D-Doc, Covid document B2; DCC JSON schema
// 1.3.x `test_entry`, `recovery_entry`).
import { MappingError } from "../errors.js";
import type { DccPayload, PersonName, RecoveryEntry, TestEntry } from "../dcc/types.js";
import type { VerifiedDocument } from "../twoddoc/types.js";
import { addDays, mapBirthDate } from "./dates.js";
import { lookupCode, readField } from "./fields.js";
import { dccVersionFor, mapNames } from "./names.js";
import type { MappedCertificate, MappingOptions } from "./options.js";
import { mapSampleTime } from "./paris-time.js";
import type { CodedTestType, MappingTables } from "./tables.js";

/** DCC JSON schema `t[].co`, `r[].co`: the 2D-DOC is a French document (header country FR, checked by the verifier). */
const COUNTRY = "FR";
/** Reg. (EU) 2021/953 Art. 7 and Annex (TousAntiCovid config `recoveryValidityThresholdInDays`): valid from day 11, until day 180. */
const RECOVERY_VALID_FROM_DAYS = 11;
const RECOVERY_VALID_UNTIL_DAYS = 180;

/** F4 → a PCR test type; an antigen test only for the verification; serology never (README.md "Configuration"). */
function readTestType(doc: VerifiedDocument, tables: MappingTables, options: MappingOptions): CodedTestType {
  const type = lookupCode(tables.testTypes, readField(doc, "F4"), "F4");
  // The 2D-DOC has no RAT device id, which the DCC requires for an antigen test.
  if (type.kind === "antigen" && options.antigenTest === "refuse") throw new MappingError("ERR_MAPPING_ANTIGEN_TEST", { field: "F4" });
  // Serology is no DCC test type (EU value set test-type).
  if (type.kind === "serology") throw new MappingError("ERR_MAPPING_SEROLOGY_TEST", { field: "F4" });
  return type;
}

function mapNegative(doc: VerifiedDocument, type: { tt: string; tg: string }, tr: string, options: MappingOptions): TestEntry {
  // `nm`, `ma` and `tc` are optional in DCC 1.3.0 and absent from the 2D-DOC: omitted.
  return { tg: type.tg, tt: type.tt, sc: mapSampleTime(readField(doc, "F6"), "F6").sc, tr, co: COUNTRY, is: options.issuer.t, ci: "" };
}

/** `fr` = the sample date in Paris, `df` = fr + 11 days, `du` = fr + 180 days. */
function mapRecovery(doc: VerifiedDocument, tg: string, options: MappingOptions): RecoveryEntry {
  const fr = mapSampleTime(readField(doc, "F6"), "F6").date;
  return {
    tg,
    fr,
    co: COUNTRY,
    is: options.issuer.r,
    df: addDays(fr, RECOVERY_VALID_FROM_DAYS),
    du: addDays(fr, RECOVERY_VALID_UNTIL_DAYS),
    ci: "",
  };
}

function personOf(doc: VerifiedDocument): { ver: string; nam: PersonName; dob: string } {
  const nam = mapNames({ family: readField(doc, "F1"), given: readField(doc, "F0"), familyDi: "F1", givenDi: "F0" });
  return { ver: dccVersionFor(nam), nam, dob: mapBirthDate(readField(doc, "F2"), "F2") };
}

export function mapTest(doc: VerifiedDocument, tables: MappingTables, options: MappingOptions): MappedCertificate {
  const type = readTestType(doc, tables, options);
  const result = lookupCode(tables.testResults, readField(doc, "F5"), "F5");
  // Indeterminate (I) and non-compliant sample (X) have no DCC result.
  if (result.outcome === "refused") throw new MappingError("ERR_MAPPING_TEST_RESULT", { field: "F5" });
  if (result.outcome === "negative") {
    const payload: DccPayload = { ...personOf(doc), t: [mapNegative(doc, type, result.tr, options)] };
    return { type: "t", payload };
  }
  // A positive PCR becomes a recovery entry by default, or is refused by configuration.
  if (options.positiveTest === "refuse") throw new MappingError("ERR_MAPPING_POSITIVE_TEST", { field: "F5" });
  return { type: "r", payload: { ...personOf(doc), r: [mapRecovery(doc, type.tg, options)] } };
}
