import { test } from "node:test";
import assert from "node:assert/strict";
import { checkPlausibility } from "../../../src/issue/plausibility.js";
import type { DccPayload } from "../../../src/dcc/types.js";

const NOW = new Date("2022-03-10T12:00:00Z");

function vaccination(overrides: Partial<{ dob: string; dn: number; sd: number; dt: string }> = {}): DccPayload {
  return {
    ver: "1.3.0",
    nam: { fn: "SPECIMEN", fnt: "SPECIMEN", gn: "MARIE", gnt: "MARIE" },
    dob: overrides.dob ?? "1970-01-01",
    v: [
      {
        tg: "840539006",
        vp: "J07BX03",
        mp: "EU/1/20/1528",
        ma: "ORG-100030215",
        dn: overrides.dn ?? 2,
        sd: overrides.sd ?? 2,
        dt: overrides.dt ?? "2021-06-01",
        co: "FR",
        is: "MEAE",
        ci: "URN:UVCI:01:FR:X#A",
      },
    ],
  };
}

function recovery(overrides: Partial<{ dob: string; fr: string; df: string; du: string }> = {}): DccPayload {
  return {
    ver: "1.3.0",
    nam: { fnt: "SPECIMEN" },
    dob: overrides.dob ?? "1970",
    r: [
      {
        tg: "840539006",
        fr: overrides.fr ?? "2022-01-01",
        co: "FR",
        is: "MEAE",
        df: overrides.df ?? "2022-01-12",
        du: overrides.du ?? "2022-06-30",
        ci: "URN:UVCI:01:FR:X#A",
      },
    ],
  };
}

const refusedWith = (field: string) => ({ code: "ERR_DCC_PLAUSIBILITY", field });

test("plausible vaccinations and recoveries pass", () => {
  for (const payload of [
    vaccination(),
    vaccination({ dn: 1, sd: 2 }),
    vaccination({ dn: 3, sd: 3 }),
    vaccination({ dn: 2, sd: 1 }),
    vaccination({ dob: "" }),
    vaccination({ dob: "2021-05" }),
    recovery(),
    recovery({ dob: "1980-02" }),
  ]) {
    assert.doesNotThrow(() => checkPlausibility(payload, NOW));
  }
});

test("dates in the future are refused; 'today' anywhere on Earth is accepted", () => {
  assert.throws(() => checkPlausibility(vaccination({ dt: "2022-03-12" }), NOW), refusedWith("v[0].dt"));
  assert.doesNotThrow(() => checkPlausibility(vaccination({ dt: "2022-03-11" }), NOW)); // already the 11th at UTC+14
  assert.throws(() => checkPlausibility(recovery({ fr: "2022-03-12", df: "2022-03-12", du: "2022-03-20" }), NOW), refusedWith("r[0].fr"));
  assert.throws(() => checkPlausibility(vaccination({ dob: "2023" }), NOW), refusedWith("dob"));
});

test("dn > sd is refused unless it is a booster after a one-dose primary course", () => {
  assert.throws(() => checkPlausibility(vaccination({ dn: 3, sd: 2 }), NOW), refusedWith("v[0].dn"));
  assert.throws(() => checkPlausibility(vaccination({ dn: 10, sd: 10 }), NOW), refusedWith("v[0].sd"));
});

test("recovery validity: fr ≤ df ≤ du ≤ fr + 180 days", () => {
  assert.throws(() => checkPlausibility(recovery({ df: "2021-12-31" }), NOW), refusedWith("r[0].df"));
  assert.throws(() => checkPlausibility(recovery({ df: "2022-02-01", du: "2022-01-31" }), NOW), refusedWith("r[0].du"));
  assert.throws(() => checkPlausibility(recovery({ du: "2022-07-01" }), NOW), refusedWith("r[0].du"));
  assert.doesNotThrow(() => checkPlausibility(recovery({ du: "2022-06-30" }), NOW)); // exactly fr + 180 days
});

test("the birth date must come before the event", () => {
  assert.throws(() => checkPlausibility(vaccination({ dob: "2021-06-01" }), NOW), refusedWith("dob"));
  assert.throws(() => checkPlausibility(vaccination({ dob: "2021-07" }), NOW), refusedWith("dob"));
  assert.throws(() => checkPlausibility(recovery({ dob: "2022-01-02" }), NOW), refusedWith("dob"));
});
