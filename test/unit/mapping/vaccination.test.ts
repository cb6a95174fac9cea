// L1 → v[0], rule by rule (ANTS 2D-Doc L1; DCC JSON schema 1.3.x; src/mapping/vaccination.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { mapDocument } from "../../../src/mapping/map-document.js";
import type { MappingOptions } from "../../../src/mapping/map-document.js";
import { loadMappingTables } from "../../../src/mapping/tables.js";
import { makeL1, type FieldOverrides } from "../../support/documents.js";

const tables = loadMappingTables(undefined, loadValueSets());
const options: MappingOptions = { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery", antigenTest: "refuse" };
const map = (overrides: FieldOverrides = {}) => mapDocument(makeL1(overrides), tables, options);
const entry = (overrides: FieldOverrides = {}) => {
  const v = map(overrides).payload.v;
  assert.ok(v !== undefined);
  return v[0];
};

test("a completed Comirnaty cycle becomes a full vaccination entry with an empty ci", () => {
  assert.deepEqual(map(), {
    type: "v",
    payload: {
      ver: "1.3.0",
      nam: { fn: "SPECIMEN DURAND", fnt: "SPECIMEN<DURAND", gn: "CLAUDE", gnt: "CLAUDE" },
      dob: "1960-02-02",
      v: [
        {
          tg: "840539006",
          vp: "1119349007",
          mp: "EU/1/20/1528",
          ma: "ORG-100030215",
          dn: 2,
          sd: 2,
          dt: "2021-05-15",
          co: "FR",
          is: "CNAM",
          ci: "",
        },
      ],
    },
  });
});

test("the product is matched on words of L5, whatever the wording or order", () => {
  for (const wording of ["COMIRNATY PFIZER/BIONTECH", "PFIZER/BIONTECH - COMIRNATY", "PFIZER", "Comirnaty"]) {
    assert.equal(entry({ L5: wording, L6: wording }).mp, "EU/1/20/1528", wording);
  }
  assert.deepEqual(pick(entry({ L5: "MODERNA", L6: "MODERNA" })), ["EU/1/20/1507", "ORG-100031184", "1119349007"]);
  assert.deepEqual(pick(entry({ L5: "SPIKEVAX", L6: "SPIKEVAX" })), ["EU/1/20/1507", "ORG-100031184", "1119349007"]);
  assert.deepEqual(pick(entry({ L5: "VAXZEVRIA", L6: "ASTRA ZENECA AB" })), ["EU/1/21/1529", "ORG-100001699", "29061000087103"]);
  assert.deepEqual(pick(entry({ L5: "ASTRAZENECA", L6: "ASTRAZENECA" })), ["EU/1/21/1529", "ORG-100001699", "29061000087103"]);
  assert.deepEqual(pick(entry({ L5: "COVID-19 VACCINE JANSSEN", L6: "JANSSEN-CILAG" })), [
    "EU/1/20/1525",
    "ORG-100001417",
    "29061000087103",
  ]);
});

function pick(v: { mp: string; ma: string; vp: string }): string[] {
  return [v.mp, v.ma, v.vp];
}

test("L6 names the product when L5 does not; vp never copies the inactive L4 J07BX03", () => {
  assert.equal(entry({ L5: "VACCIN ARNM", L6: "MODERNA" }).mp, "EU/1/20/1507");
  assert.notEqual(entry().vp, "J07BX03");
});

test("an unknown, ambiguous or contradictory product is refused, never passed through", () => {
  assert.throws(() => map({ L5: "SPUTNIK V", L6: "GAMALEYA" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "L5" });
  assert.throws(() => map({ L5: "MODERNAX", L6: "MODERNAX" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "L5" }); // words, not substrings
  assert.throws(() => map({ L5: "PFIZER OR MODERNA", L6: "PFIZER" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "L5" });
  assert.throws(() => map({ L5: "VACCIN", L6: "PFIZER MODERNA" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "L6" });
  assert.throws(() => map({ L5: "COMIRNATY", L6: "MODERNA" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "L6" });
});

test("tg comes from L3 through the disease table; an unknown disease is refused", () => {
  assert.equal(entry({ L3: "covid 19" }).tg, "840539006");
  assert.throws(() => map({ L3: "GRIPPE" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "L3" });
});

test("dn = L7 and sd = L8; a cycle in progress keeps dn < sd", () => {
  assert.deepEqual(doses(entry({ L7: "1", L8: "2", LA: "CO" })), [1, 2]);
  assert.deepEqual(doses(entry({ L7: "3", L8: "2", LA: "TE" })), [3, 2]); // a booster is kept as written
  assert.deepEqual(doses(entry({ L7: "2", L8: "2", LA: "CO" })), [2, 2]);
});

function doses(v: { dn: number; sd: number }): number[] {
  return [v.dn, v.sd];
}

test("a completed cycle (TE) with fewer doses than expected is certified complete (sd = dn)", () => {
  assert.deepEqual(doses(entry({ L7: "1", L8: "2", LA: "TE" })), [1, 1]);
});

test("L7 and L8 must be digits ≥ 1; an unknown LA is refused", () => {
  assert.throws(() => map({ L7: "0" }), { code: "ERR_MAPPING_INVALID_FIELD", field: "L7" });
  assert.throws(() => map({ L8: "X" }), { code: "ERR_MAPPING_INVALID_FIELD", field: "L8" });
  assert.throws(() => map({ L8: "" }), { code: "ERR_MAPPING_INVALID_FIELD", field: "L8" });
  assert.throws(() => map({ LA: "EC" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "LA" });
});

test("dt is the Gregorian L9; an impossible L9 is refused", () => {
  assert.equal(entry({ L9: "29022024" }).dt, "2024-02-29");
  assert.throws(() => map({ L9: "31062021" }), { code: "ERR_MAPPING_INVALID_DATE", field: "L9" });
  assert.throws(() => map({ L9: "00062021" }), { code: "ERR_MAPPING_INVALID_DATE", field: "L9" });
});

test("dob from L2 with its unknown parts; an impossible L2 is refused", () => {
  assert.equal(map({ L2: "00001960" }).payload.dob, "1960");
  assert.equal(map({ L2: "00031960" }).payload.dob, "1960-03");
  assert.throws(() => map({ L2: "31021960" }), { code: "ERR_MAPPING_INVALID_DATE", field: "L2" });
});

test("names: an empty first-name field gives no gn/gnt; without family name ver is 1.3.2", () => {
  assert.deepEqual(map({ L1: "" }).payload.nam, { fn: "SPECIMEN DURAND", fnt: "SPECIMEN<DURAND" });
  const noFamily = map({ L0: "" }).payload;
  assert.deepEqual([noFamily.ver, noFamily.nam], ["1.3.2", { gn: "CLAUDE", gnt: "CLAUDE" }]);
  assert.throws(() => map({ L0: "", L1: "" }), { code: "ERR_MAPPING_INVALID_FIELD", field: "L0" });
});

test("is comes from the options; co is FR", () => {
  const v = mapDocument(makeL1(), tables, { ...options, issuer: { v: "ISSUER-V", t: "T", r: "R" } }).payload.v;
  assert.deepEqual([v?.[0].is, v?.[0].co], ["ISSUER-V", "FR"]);
});

test("a missing field is refused naming it (fail closed, even though the parser requires every DI)", () => {
  assert.throws(() => mapDocument(makeL1({}, {}, ["L9"]), tables, options), { code: "ERR_MAPPING_INVALID_FIELD", field: "L9" });
});
