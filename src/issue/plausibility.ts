// Plausibility of an MEAE payload (docs/batch-and-issuance.md), after the schema and value sets have passed.
// Dates are compared as ISO text (YYYY-MM-DD sorts as it reads). "Not in the future" is judged
// against the calendar date at UTC+14, the most advanced time zone: a vaccination given abroad
// "tomorrow" as seen from Paris is still today where it happened. Each refusal names its field.
import { DccError } from "../errors.js";
import type { DccPayload, RecoveryEntry, VaccinationEntry } from "../dcc/types.js";
import { addDays } from "../mapping/dates.js";

const AHEAD_OF_UTC_MS = 14 * 3_600_000;
/** Reg. (EU) 2021/953 Annex: a recovery certificate is valid at most 180 days after `fr`. */
export const RECOVERY_MAX_DAYS = 180;
/** DCC JSON schema 1.0 bounded `dn`/`sd` to 1–9; no real vaccination record goes beyond. */
export const MAX_DOSES = 9;

function refuse(field: string): never {
  throw new DccError("ERR_DCC_PLAUSIBILITY", { field });
}

function latestToday(now: Date): string {
  return new Date(now.getTime() + AHEAD_OF_UTC_MS).toISOString().slice(0, 10);
}

/** `dob` may be partial (YYYY, YYYY-MM) or empty (DCC JSON schema 1.3, `dob`): compare on the precision it has. */
function bornBefore(dob: string, event: string): boolean {
  if (dob === "") return true;
  const prefix = event.slice(0, dob.length);
  return dob.length === 10 ? dob < prefix : dob <= prefix;
}

// hcert/eHN guidelines: dn ≤ sd, except a booster after a one-dose primary course (Janssen, or one dose
// after recovery), which is recorded as 2/1 (and further boosters 3/1 …). 3/2 is not a valid record (3/3 is).
function checkDoses(entry: VaccinationEntry): void {
  if (entry.sd > MAX_DOSES) refuse("v[0].sd");
  if (entry.dn > MAX_DOSES || (entry.dn > entry.sd && entry.sd !== 1)) refuse("v[0].dn");
}

function checkRecovery(entry: RecoveryEntry): void {
  if (entry.df < entry.fr) refuse("r[0].df");
  if (entry.du < entry.df) refuse("r[0].du");
  if (entry.du > addDays(entry.fr, RECOVERY_MAX_DAYS)) refuse("r[0].du");
}

export function checkPlausibility(payload: DccPayload, now: Date): void {
  const today = latestToday(now);
  if (payload.dob.slice(0, 10) > today.slice(0, payload.dob.length)) refuse("dob");
  const vaccination = payload.v?.[0];
  const recovery = payload.r?.[0];
  if (vaccination !== undefined) {
    if (vaccination.dt > today) refuse("v[0].dt");
    checkDoses(vaccination);
    if (!bornBefore(payload.dob, vaccination.dt)) refuse("dob");
  }
  if (recovery !== undefined) {
    if (recovery.fr > today) refuse("r[0].fr");
    checkRecovery(recovery);
    if (!bornBefore(payload.dob, recovery.fr)) refuse("dob");
  }
}
