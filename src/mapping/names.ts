// `nam` and `ver` from the 2D-DOC name fields (issue 4 item 2; contract §7; dcc.md §2.1, §2.3, §2.9).
// B2: F1 family name, F0 first names; L1: L0 family name, L1 first names (2d-doc.md §3.1–§3.2).
import { MappingError } from "../errors.js";
import type { PersonName } from "../dcc/types.js";
import { transliterate } from "./transliterate.js";

/** dcc.md §2.1: most verifiers know 1.3.0; a name without `fnt` is only valid from schema 1.3.2 on. */
export const DCC_VERSION = "1.3.0";
export const DCC_VERSION_WITHOUT_FNT = "1.3.2";

export interface NameFields {
  readonly family: string;
  readonly given: string;
  /** The DIs, for errors: `F1`/`F0` or `L0`/`L1`. */
  readonly familyDi: string;
  readonly givenDi: string;
}

/**
 * 2d-doc.md §3.1: distinct first names are separated by `/` (a compound first name keeps its space):
 * `JEAN LOUIS/EDOUARD` is written `JEAN LOUIS EDOUARD`, each name trimmed, empty ones dropped.
 */
function joinFirstNames(given: string): string {
  return given.split("/").map((name) => name.trim()).filter((name) => name !== "").join(" ");
}

/**
 * fn/gn as printed (trimmed), fnt/gnt by ICAO 9303. An empty field gives neither the printed nor the
 * transliterated name (contract §7); a name with no letter at all cannot be certified
 * (ERR_MAPPING_INVALID_FIELD), nor can a person with neither name (dcc.md §2.3: fnt or gnt required).
 */
export function mapNames(fields: NameFields): PersonName {
  const nam: PersonName = {};
  const fn = fields.family.trim();
  if (fn !== "") {
    nam.fn = fn;
    nam.fnt = transliterate(fn);
    if (nam.fnt === "") throw new MappingError("ERR_MAPPING_INVALID_FIELD", { field: fields.familyDi });
  }
  const gn = joinFirstNames(fields.given);
  if (gn !== "") {
    nam.gn = gn;
    nam.gnt = transliterate(gn);
    if (nam.gnt === "") throw new MappingError("ERR_MAPPING_INVALID_FIELD", { field: fields.givenDi });
  }
  if (nam.fnt === undefined && nam.gnt === undefined) throw new MappingError("ERR_MAPPING_INVALID_FIELD", { field: fields.familyDi });
  return nam;
}

export function dccVersionFor(nam: PersonName): string {
  return nam.fnt === undefined ? DCC_VERSION_WITHOUT_FNT : DCC_VERSION;
}
