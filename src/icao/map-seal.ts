// 2D-DOC → the message of a VDS-NC seal (ICAO VDS-NC `icao.vacc` / `icao.test`; docs/international-format.md gives
// the mapping field by field). It runs after the DCC mapping (src/mapping/), which already refused every document the
// DCC path refuses, with the same codes, and read the person, the product, the dates and the doses: the seal uses them.
// The id (`uvci` / `utci`) is set by the orchestrator (src/icao/convert-seal.ts).
import { readField } from "../mapping/fields.js";
import { mapSampleTime } from "../mapping/paris-time.js";
import type { MappedCertificate, MappingOptions } from "../mapping/options.js";
import type { MappingTables } from "../mapping/tables.js";
import { findVaccineProduct } from "../mapping/vaccine-product.js";
import type { VerifiedDocument } from "../twoddoc/types.js";
import { sealPerson } from "./seal-person.js";
import type { SealTables } from "./seal-tables.js";
import type { SealProfile, TestMessage, VaccinationMessage } from "./seal-types.js";

/** ICAO 3-letter code of the issuing state and of the country of vaccination or test (the 2D-DOC is French). */
export const SEAL_COUNTRY = "FRA";
/** ICD-11 RA01.0: COVID-19, virus identified (ICAO VDS-NC `ve[].dis`). */
const COVID_19 = "RA01.0";

export type UnsignedMessage = Omit<VaccinationMessage, "uvci"> | Omit<TestMessage, "utci">;

export interface MappedSeal {
  readonly profile: SealProfile;
  readonly message: UnsignedMessage;
}

export interface SealMappingTables {
  readonly tables: MappingTables;
  readonly seal: SealTables;
}

function mapVaccinationSeal(doc: VerifiedDocument, mapped: MappedCertificate, tables: SealMappingTables): MappedSeal {
  const entry = mapped.payload.v?.[0];
  if (entry === undefined) throw new TypeError("a vaccination mapping has one v entry");
  const product = findVaccineProduct(readField(doc, "L5"), readField(doc, "L6"), tables.tables);
  const vaccine = tables.seal.vaccines[product.product];
  if (vaccine === undefined) throw new TypeError("the seal tables cover every product (checked at load)");
  // `seq` = L7, the rank of the dose (the DCC's `dn`); `dvc` = L9 (the DCC's `dt`).
  const dose = { dvc: entry.dt, seq: entry.dn, ctr: SEAL_COUNTRY } as const;
  return {
    profile: "icao.vacc",
    message: { pid: sealPerson(mapped.payload), ve: [{ des: vaccine.des, nam: vaccine.nam, dis: COVID_19, vd: [dose] }] },
  };
}

function mapTestSeal(doc: VerifiedDocument, mapped: MappedCertificate, options: MappingOptions): MappedSeal {
  // The DCC mapping made a negative PCR a test entry and a positive one a recovery entry (or refused it, POSITIVE_TEST).
  const result = mapped.type === "t" ? "negative" : "positive";
  const sample = mapSampleTime(readField(doc, "F6"), "F6");
  const sex = readField(doc, "F3");
  return {
    profile: "icao.test",
    message: {
      pid: sealPerson(mapped.payload, sex === "M" || sex === "F" ? sex : undefined),
      sp: { spn: options.issuer.t, ctr: SEAL_COUNTRY },
      // `ri` (report issuance): the 2D-DOC's issue date; the sample's Paris date when the header has none (FFFF).
      dat: { sc: sample.sc, ri: doc.header.issueDate ?? sample.date },
      tr: { tc: "molecular(PCR)", r: result },
    },
  };
}

export function mapSeal(doc: VerifiedDocument, mapped: MappedCertificate, tables: SealMappingTables, options: MappingOptions): MappedSeal {
  return mapped.type === "v" ? mapVaccinationSeal(doc, mapped, tables) : mapTestSeal(doc, mapped, options);
}
