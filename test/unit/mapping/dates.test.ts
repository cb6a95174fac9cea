// Birth dates, event dates and the Paris sampling time (dates.ts and paris-time.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { addDays, formatDate, mapBirthDate, mapCalendarDate } from "../../../src/mapping/dates.js";
import { mapSampleTime } from "../../../src/mapping/paris-time.js";

test("a birth date DDMMYYYY becomes YYYY-MM-DD; 00 day → YYYY-MM; 00 day and month → YYYY", () => {
  assert.equal(mapBirthDate("04081952", "L2"), "1952-08-04");
  assert.equal(mapBirthDate("00081952", "L2"), "1952-08");
  assert.equal(mapBirthDate("00001952", "F2"), "1952");
  assert.equal(mapBirthDate("29022000", "F2"), "2000-02-29"); // 2000 is a leap year (divisible by 400)
  assert.equal(mapBirthDate("31121900", "F2"), "1900-12-31");
  assert.equal(mapBirthDate("01012099", "F2"), "2099-01-01");
});

test("an impossible birth date is refused with its field", () => {
  for (const [value, field] of [
    ["01131990", "L2"], // month 13
    ["31041990", "L2"], // 31 April
    ["29021900", "F2"], // 1900 is not a leap year
    ["29022021", "F2"], // 2021 is not a leap year
    ["15001990", "L2"], // a day with an unknown month
    ["00131990", "L2"], // unknown day, month 13
    ["32011990", "F2"], // day 32
    ["01011899", "F2"], // DCC JSON schema `dob`: years 1900–2099 only
    ["01012100", "L2"],
    ["0101199", "F2"], // not 8 digits
    ["0101199A", "F2"],
  ] as const) {
    assert.throws(() => mapBirthDate(value, field), { code: "ERR_MAPPING_INVALID_DATE", field }, value);
  }
});

test("decision: a lunar L2 date (month above 12) is refused, never cut to its year", () => {
  assert.throws(() => mapBirthDate("15351970", "L2"), { code: "ERR_MAPPING_INVALID_DATE", field: "L2" });
  assert.throws(() => mapBirthDate("30501970", "L2"), { code: "ERR_MAPPING_INVALID_DATE", field: "L2" });
});

test("an event date (L9) must be a complete Gregorian date", () => {
  assert.equal(formatDate(mapCalendarDate("31032021", "L9")), "2021-03-31");
  for (const value of ["00032021", "31042021", "29022021", "01002021", "1503202"]) {
    assert.throws(() => mapCalendarDate(value, "L9"), { code: "ERR_MAPPING_INVALID_DATE", field: "L9" }, value);
  }
});

test("addDays crosses months, years and leap days in calendar arithmetic", () => {
  assert.equal(addDays("2021-04-26", 11), "2021-05-07");
  assert.equal(addDays("2021-04-26", 180), "2021-10-23");
  assert.equal(addDays("2020-02-20", 11), "2020-03-02");
  assert.equal(addDays("2021-12-25", 11), "2022-01-05");
  assert.equal(addDays("2021-03-20", 11), "2021-03-31"); // across the DST change: no hour is lost
});

test("F6 is Paris time written with its offset: winter +01:00, summer +02:00", () => {
  assert.deepEqual(mapSampleTime("260420211030", "F6"), { sc: "2021-04-26T10:30:00+02:00", date: "2021-04-26" });
  assert.deepEqual(mapSampleTime("150120210900", "F6"), { sc: "2021-01-15T09:00:00+01:00", date: "2021-01-15" });
  assert.deepEqual(mapSampleTime("311220212359", "F6"), { sc: "2021-12-31T23:59:00+01:00", date: "2021-12-31" });
  assert.deepEqual(mapSampleTime("010820210000", "F6"), { sc: "2021-08-01T00:00:00+02:00", date: "2021-08-01" });
});

test("the spring-forward gap: a wall time that never existed is read with the winter offset", () => {
  // 28 March 2021: 02:00 +01:00 became 03:00 +02:00. 02:30 is read as 02:30+01:00 = 01:30Z = 03:30+02:00.
  assert.equal(mapSampleTime("280320210230", "F6").sc, "2021-03-28T03:30:00+02:00");
  assert.equal(mapSampleTime("280320210200", "F6").sc, "2021-03-28T03:00:00+02:00");
  assert.equal(mapSampleTime("280320210159", "F6").sc, "2021-03-28T01:59:00+01:00");
  assert.equal(mapSampleTime("280320210300", "F6").sc, "2021-03-28T03:00:00+02:00");
  assert.equal(mapSampleTime("280320210230", "F6").date, "2021-03-28");
});

test("the autumn overlap: a wall time that happened twice is the first one, still summer time", () => {
  // 31 October 2021: 03:00 +02:00 became 02:00 +01:00, so 02:00–02:59 happened twice.
  assert.equal(mapSampleTime("311020210230", "F6").sc, "2021-10-31T02:30:00+02:00");
  assert.equal(mapSampleTime("311020210200", "F6").sc, "2021-10-31T02:00:00+02:00");
  assert.equal(mapSampleTime("311020210159", "F6").sc, "2021-10-31T01:59:00+02:00");
  assert.equal(mapSampleTime("311020210300", "F6").sc, "2021-10-31T03:00:00+01:00");
});

test("an impossible sampling time is refused with F6", () => {
  for (const value of ["260420212400", "260420211060", "310420211030", "000420211030", "2604202110", "26042021103A", "260418991030"]) {
    assert.throws(() => mapSampleTime(value, "F6"), { code: "ERR_MAPPING_INVALID_DATE", field: "F6" }, value);
  }
});
