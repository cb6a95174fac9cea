// The seal's own mapping tables (docs/international-format.md, "Tables"): `mappings/icao-vaccine-type/<n>.json`, the
// vaccine product (as mappings/vaccine finds it) → its ICD-11 type `des` and its name `nam`. Loaded once at start
// beside the DCC tables, checked (every product of the vaccine table has a row, every code is a known ICD-11 vaccine
// code), frozen; a missing or inconsistent table stops the start.
import { resolve } from "node:path";
import type { ValueSets } from "../dcc/value-sets.js";
import { codeTable, onlyFields, type CodeTable } from "../mapping/table-entries.js";
import { readTableFile, tableError } from "../mapping/table-file.js";
import type { MappingTables } from "../mapping/tables.js";

/** ICD-11 MMS extension codes of COVID-19 vaccines (ICAO VDS-NC `des`): unspecified, RNA, viral vector, inactivated. */
export const ICD11_COVID_VACCINES: readonly string[] = ["XM68M6", "XM0GQ8", "XM9QW8", "XM1NL1"];

export interface SealVaccine {
  readonly des: string;
  readonly nam: string;
}

export interface SealTables {
  readonly version: string;
  /** Product key of mappings/vaccine → `des`, `nam`. */
  readonly vaccines: CodeTable<SealVaccine>;
}

const TABLE = "icao-vaccine-type";

export function loadSealTables(dir: string, valueSets: ValueSets, tables: MappingTables): SealTables {
  const file = readTableFile(resolve(dir), TABLE, valueSets);
  const vaccines = codeTable(file, (entry) => {
    onlyFields(file, entry, ["des", "nam"]);
    const { des, nam } = entry;
    if (typeof des !== "string" || !ICD11_COVID_VACCINES.includes(des)) {
      throw tableError(file.label, `${entry.key}.des: not an ICD-11 COVID-19 vaccine code`);
    }
    if (typeof nam !== "string" || nam === "" || nam.length > 40) throw tableError(file.label, `${entry.key}.nam: not a product name`);
    return { des, nam };
  });
  for (const product of tables.vaccines) {
    if (vaccines[product.product] === undefined) throw tableError(file.label, `${product.product}: no row for this vaccine product`);
  }
  return Object.freeze({ version: `${TABLE}@${file.version}`, vaccines });
}
