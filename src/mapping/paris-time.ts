// F6 sampling time `DDMMYYYYHHmm` read as Europe/Paris wall-clock time (ANTS 2D-Doc, Covid test results:
// F6 carries no time zone, French local time is the natural reading) and written as RFC 3339 with its offset:
// `2021-04-26T10:30:00+02:00`. The offset comes from the runtime's tz database (paris-offsets.ts).
//
// DST, decided deterministically like RFC 9557 / Temporal `disambiguation: "compatible"` and
// java.time `ZonedDateTime.of`:
// * autumn overlap (02:00–02:59 happens twice): the earlier instant, still summer time (+02:00);
// * spring gap (02:00–02:59 does not exist): the wall time is read with the offset in force before the
//   gap, so `28032021 0230` is the instant 01:30Z, written as it really was in Paris: 03:30:00+02:00.
import { MappingError } from "../errors.js";
import { formatDate, mapCalendarDate } from "./dates.js";
import { parisOffsetAt } from "./paris-offsets.js";

const F6 = /^(\d{8})(\d{2})(\d{2})$/;
const MINUTE_MS = 60_000;
const PROBE_MS = 12 * 3_600_000; // Paris never changes its offset twice within a day
/** The instant of a Paris wall-clock time (given as if it were UTC), with the DST rules above. */
function resolveInstant(wall: number, field: string): number {
  const before = parisOffsetAt(wall - PROBE_MS);
  const after = parisOffsetAt(wall + PROBE_MS);
  if (before === null || after === null) throw new MappingError("ERR_MAPPING_INVALID_DATE", { field });
  // The larger offset gives the earlier instant: tried first, it wins an overlap.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const instant = wall - offset * MINUTE_MS;
    if (parisOffsetAt(instant) === offset) return instant;
  }
  return wall - before * MINUTE_MS; // the gap
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

export interface SampleTime {
  /** RFC 3339 with the Paris offset, seconds `00`. */
  readonly sc: string;
  /** The sample's calendar date in Paris, `YYYY-MM-DD` (recovery `fr`). */
  readonly date: string;
}

/** F6 → `sc`; an impossible date or time (hour 24, minute 60, 31 April …) → ERR_MAPPING_INVALID_DATE. */
export function mapSampleTime(value: string, field: string): SampleTime {
  const match = F6.exec(value);
  if (match === null) throw new MappingError("ERR_MAPPING_INVALID_DATE", { field });
  const date = mapCalendarDate(match[1] ?? "", field);
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (hour > 23 || minute > 59) throw new MappingError("ERR_MAPPING_INVALID_DATE", { field });
  const instant = resolveInstant(Date.UTC(date.year, date.month - 1, date.day, hour, minute), field);
  const local = parisLocalTime(instant);
  if (local === null) throw new MappingError("ERR_MAPPING_INVALID_DATE", { field });
  return { sc: `${local.date}T${local.time}:00${local.offset}`, date: local.date };
}

export interface ParisLocalTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `HH:mm` */
  readonly time: string;
  /** `+01:00` or `+02:00` */
  readonly offset: string;
}

/** An instant as Paris wall-clock time with its offset (null only before 1911: not a whole minute). */
export function parisLocalTime(instant: number): ParisLocalTime | null {
  const offset = parisOffsetAt(instant);
  if (offset === null) return null;
  const local = new Date(instant + offset * MINUTE_MS);
  const date = formatDate({ year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() });
  const time = `${String(local.getUTCHours()).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")}`;
  return { date, time, offset: formatOffset(offset) };
}
