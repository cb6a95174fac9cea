// `nam` and `ver` from the 2D-DOC name fields (DCC JSON schema 1.3.x `nam`;
// ICAO Doc 9303 Part 3 §6).
// B2: F1 family name, F0 first names; L1: L0 family name, L1 first names (ANTS 2D-Doc, Covid documents B2 and L1).
import { MappingError } from "../errors.js";
import type { PersonName } from "../dcc/types.js";
import { transliterate } from "./transliterate.js";

/** DCC JSON schema CHANGELOG: most verifiers know 1.3.0; a name without `fnt` is only valid from schema 1.3.2 on. */
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
 * ANTS 2D-Doc, B2 field F0: distinct first names are separated by `/` (a compound first name keeps its space):
 * `JEAN LOUIS/EDOUARD` is written `JEAN LOUIS EDOUARD`, each name trimmed, empty ones dropped.
 */
function joinFirstNames(given: string): string {
  return given
    .split("/")
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .join(" ");
}

/**
 * fn/gn as printed (trimmed), fnt/gnt by ICAO 9303. An empty field gives neither the printed nor the
 * transliterated name; a name with no letter at all cannot be certified
 * (ERR_MAPPING_INVALID_FIELD), nor can a person with neither name (DCC JSON schema 1.3.x `person_name`: fnt or gnt required).
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
