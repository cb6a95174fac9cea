// 2D-DOC dates → DCC dates (ANTS 2D-Doc, Covid documents B2 and L1; DCC JSON
// schema 1.3.x `dob`, `dt`, `sc`, `fr`).
// Gregorian checks are plain arithmetic: `Date.UTC` maps years 0–99 to 1900–1999 and rolls 31 April
// over to 1 May, so it cannot tell an impossible date.
import { MappingError } from "../errors.js";

const DDMMYYYY = /^(\d{2})(\d{2})(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isGregorian({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= last;
}

/**
 * DCC JSON schema 1.3.x: `dob` matches `^((19|20)\d\d(-\d\d){0,2}){0,1}$`, so every year we write is 1900–2099.
 * The same range bounds event dates (L9, F6): outside it a 2021 Covid document is impossible.
 */
function isInDccYears(year: number): boolean {
  return year >= 1900 && year <= 2099;
}

function invalidDate(field: string): MappingError {
  return new MappingError("ERR_MAPPING_INVALID_DATE", { field });
}

/** `DDMMYYYY` split into numbers; not yet checked. */
export function splitDate(value: string, field: string): CalendarDate {
  const match = DDMMYYYY.exec(value);
  if (match === null) throw invalidDate(field);
  return { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) };
}

export function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Birth date F2 / L2 `DDMMYYYY` → `dob` (ANTS 2D-Doc: `00` for an unknown day, or day and month;
 * DCC JSON schema: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
 * Lunar dates (ANTS 2D-Doc, L1: L2 may carry a day up to 30 and a month up to 50) are refused with
 * ERR_MAPPING_INVALID_DATE like any impossible date: the DCC `dob` is Gregorian, no rule converts a
 * lunar date, and cutting it to its year would certify a birth date nobody wrote. (A lunar date that
 * happens to be a valid Gregorian date cannot be told apart and is converted as written.)
 */
export function mapBirthDate(value: string, field: string): string {
  const date = splitDate(value, field);
  if (!isInDccYears(date.year)) throw invalidDate(field);
  if (date.month === 0) {
    if (date.day !== 0) throw invalidDate(field); // a known day in an unknown month means nothing
    return String(date.year);
  }
  if (date.day === 0) {
    if (date.month > 12) throw invalidDate(field);
    return formatDate(date).slice(0, 7);
  }
  if (!isGregorian(date)) throw invalidDate(field);
  return formatDate(date);
}

/** A complete Gregorian `DDMMYYYY` (L9, the date part of F6) → `YYYY-MM-DD`; no unknown parts. */
export function mapCalendarDate(value: string, field: string): CalendarDate {
  const date = splitDate(value, field);
  if (!isInDccYears(date.year) || !isGregorian(date)) throw invalidDate(field);
  return date;
}

/** `YYYY-MM-DD` + n days (UTC calendar arithmetic: no time zone, no DST). Years are 1900–2099 here. */
export function addDays(isoDate: string, days: number): string {
  const match = ISO_DATE.exec(isoDate);
  if (match === null) throw new TypeError("addDays expects YYYY-MM-DD");
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * DAY_MS;
  return new Date(time).toISOString().slice(0, 10);
}
