// L1 "Attestation Vaccinale" → a vaccination entry `v[0]` (ANTS 2D-Doc, Covid document L1;
// DCC JSON schema 1.3.x `vaccination_entry`). Field by field, each rule names its source.
import type { DccPayload, VaccinationEntry } from "../dcc/types.js";
import type { VerifiedDocument } from "../twoddoc/types.js";
import { formatDate, mapBirthDate, mapCalendarDate } from "./dates.js";
import { lookupCode, readCount, readField } from "./fields.js";
import { dccVersionFor, mapNames } from "./names.js";
import type { MappedCertificate, MappingOptions } from "./options.js";
import type { MappingTables } from "./tables.js";
import { findVaccineProduct } from "./vaccine-product.js";
import { normaliseWording } from "./wording.js";

/** DCC JSON schema `v[].co`: the 2D-DOC is a French document (header country FR, checked by the verifier). */
const COUNTRY = "FR";

/**
 * `dn` = L7, `sd` = L8, except that a completed cycle (LA = TE, ANTS 2D-Doc L1: cycle terminated) with fewer
 * doses than expected is certified complete (`sd = dn`): one dose after a prior infection.
 * An unfinished cycle (CO) keeps dn < sd; dn > sd (a booster) is kept as written.
 */
function mapDoses(doc: VerifiedDocument, tables: MappingTables): { dn: number; sd: number } {
  const state = lookupCode(tables.cycleStates, readField(doc, "LA"), "LA");
  const dn = readCount(doc, "L7");
  const sd = readCount(doc, "L8");
  return { dn, sd: state.complete && dn < sd ? dn : sd };
}

function mapVaccinationEntry(doc: VerifiedDocument, tables: MappingTables, options: MappingOptions): VaccinationEntry {
  // L3 `COVID-19` → tg 840539006 (disease table; EU value set disease-agent-targeted).
  const disease = lookupCode(tables.disease, normaliseWording(readField(doc, "L3")), "L3");
  // Product from the words of L5/L6 → mp, ma, and vp by product (vaccine table
  // provenance: J07BX03 of L4 is no longer active, so L4 is not copied).
  const product = findVaccineProduct(readField(doc, "L5"), readField(doc, "L6"), tables);
  const { dn, sd } = mapDoses(doc, tables);
  return {
    tg: disease.tg,
    vp: product.vp,
    mp: product.mp,
    ma: product.ma,
    dn,
    sd,
    dt: formatDate(mapCalendarDate(readField(doc, "L9"), "L9")), // L9 DDMMYYYY → YYYY-MM-DD
    co: COUNTRY,
    is: options.issuer.v,
    ci: "", // set by the orchestrator (withUvci)
  };
}

export function mapVaccination(doc: VerifiedDocument, tables: MappingTables, options: MappingOptions): MappedCertificate {
  const nam = mapNames({ family: readField(doc, "L0"), given: readField(doc, "L1"), familyDi: "L0", givenDi: "L1" });
  const payload: DccPayload = {
    ver: dccVersionFor(nam),
    nam,
    dob: mapBirthDate(readField(doc, "L2"), "L2"),
    v: [mapVaccinationEntry(doc, tables, options)],
  };
  return { type: "v", payload };
}
