// The precomputed Europe/Paris transitions agree with Intl at every instant (paris-offsets.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { askParisOffset, parisOffsetAt } from "../../../src/mapping/paris-offsets.js";

const MINUTE = 60_000;

test("the table gives Intl's offset at any minute of 1990–2110 (inside and outside the table's range)", () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / MINUTE, max: Date.UTC(2110, 0, 1) / MINUTE }), (minute) => {
      assert.equal(parisOffsetAt(minute * MINUTE), askParisOffset(minute * MINUTE));
    }),
    { numRuns: 5_000 },
  );
});

test("the offset changes exactly at 01:00 UTC on the 2021 transition days", () => {
  assert.equal(parisOffsetAt(Date.UTC(2021, 2, 28, 0, 59)), 60);
  assert.equal(parisOffsetAt(Date.UTC(2021, 2, 28, 1, 0)), 120);
  assert.equal(parisOffsetAt(Date.UTC(2021, 9, 31, 0, 59)), 120);
  assert.equal(parisOffsetAt(Date.UTC(2021, 9, 31, 1, 0)), 60);
});

test("every minute around each transition of 2000–2099 agrees with Intl", () => {
  for (let year = 2000; year < 2100; year++) {
    for (const month of [2, 9]) {
      // last Sunday of March / October, 01:00 UTC (EU rule), ± 2 minutes
      const lastDay = new Date(Date.UTC(year, month + 1, 0));
      const sunday = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
      for (const delta of [-2, -1, 0, 1, 2]) {
        const instant = sunday + delta * MINUTE;
        assert.equal(parisOffsetAt(instant), askParisOffset(instant), new Date(instant).toISOString());
      }
    }
  }
});

test("before 1911 Paris Mean Time is not a whole-minute offset: null", () => {
  assert.equal(parisOffsetAt(Date.UTC(1905, 0, 1)), null);
});
