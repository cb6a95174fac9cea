// `pid` of a seal from the person the DCC mapping already read (docs/international-format.md, "The holder"):
// `n` from the ICAO 9303 transliterations `fnt` and `gnt` (src/mapping/names.ts), surname first, then the given
// names, separated by single spaces, at most 39 characters (ICAO VDS-NC `pid.n`); `dob` as the DCC writes it.
import type { DccPayload } from "../dcc/types.js";
import type { SealPerson } from "./seal-types.js";

/** ICAO VDS-NC `pid.n`: at most 39 characters. */
export const SEAL_NAME_MAX = 39;

/** `AZAY<LE<RIDEAU` → `AZAY LE RIDEAU` (ICAO 9303: `<` is the filler between name parts). */
function words(transliterated: string | undefined): string {
  return (transliterated ?? "")
    .split("<")
    .filter((part) => part !== "")
    .join(" ");
}

/**
 * ICAO Doc 9303-3 §4.6 truncation, applied to the 39 characters of `pid.n`: the given names are cut first (from their
 * end, never below one character), then the surname; a cut never leaves a trailing space.
 */
export function sealName(nam: DccPayload["nam"]): string {
  const surname = words(nam.fnt);
  const given = words(nam.gnt);
  if (given === "") return surname.slice(0, SEAL_NAME_MAX).trimEnd();
  if (surname === "") return given.slice(0, SEAL_NAME_MAX).trimEnd();
  const full = `${surname} ${given}`;
  if (full.length <= SEAL_NAME_MAX) return full;
  const room = SEAL_NAME_MAX - 1 - Math.min(surname.length, SEAL_NAME_MAX - 2);
  return `${surname.slice(0, SEAL_NAME_MAX - 1 - room).trimEnd()} ${given.slice(0, room).trimEnd()}`;
}

/**
 * `dob` as the DCC writes it: `YYYY-MM-DD`, or — when the 2D-DOC says the day or the month is unknown (`00`) — the
 * ISO 8601 reduced precision `YYYY-MM` or `YYYY`, never an invented day (docs/international-format.md, "Partial birth dates").
 */
export function sealPerson(payload: Pick<DccPayload, "nam" | "dob">, sex?: "M" | "F"): SealPerson {
  return { n: sealName(payload.nam), dob: payload.dob, ...(sex === undefined ? {} : { sex }) };
}
