// B2 → t[0] (negative PCR) or r[0] (positive PCR), and every refusal (ANTS 2D-Doc B2; DCC JSON schema
// 1.3.x; README.md "Configuration", POSITIVE_TEST).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { mapDocument } from "../../../src/mapping/map-document.js";
import type { MappingOptions } from "../../../src/mapping/map-document.js";
import { loadMappingTables } from "../../../src/mapping/tables.js";
import { makeB2, type FieldOverrides } from "../../support/documents.js";

const tables = loadMappingTables(undefined, loadValueSets());
const options: MappingOptions = {
  issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP RECOVERY" },
  positiveTest: "recovery",
  antigenTest: "refuse",
};
const map = (overrides: FieldOverrides = {}, opts: MappingOptions = options) => mapDocument(makeB2(overrides), tables, opts);

test("a negative PCR becomes a test entry: LP6464-4, not detected, sc in Paris time, no tc", () => {
  assert.deepEqual(map(), {
    type: "t",
    payload: {
      ver: "1.3.0",
      nam: { fn: "SPECIMEN MARTIN", fnt: "SPECIMEN<MARTIN", gn: "CAMILLE ANDREE", gnt: "CAMILLE<ANDREE" },
      dob: "1985-07-14",
      t: [{ tg: "840539006", tt: "LP6464-4", sc: "2021-04-26T10:30:00+02:00", tr: "260415000", co: "FR", is: "SI-DEP", ci: "" }],
    },
  });
});

test("every PCR code, with and without its check digit, is a NAAT test", () => {
  for (const code of ["943092", "94309", "945006", "94500", "948455", "94845"]) {
    assert.equal(map({ F4: code }).payload.t?.[0].tt, "LP6464-4", code);
  }
});

test("sc follows the Paris offset of the sampling date: winter +01:00", () => {
  assert.equal(map({ F6: "150120210900" }).payload.t?.[0].sc, "2021-01-15T09:00:00+01:00");
});

test("a positive PCR becomes a recovery entry by default: fr = sample date, df = +11 d, du = +180 d", () => {
  const mapped = map({ F5: "P" });
  assert.equal(mapped.type, "r");
  assert.deepEqual(mapped.payload.r, [
    { tg: "840539006", fr: "2021-04-26", co: "FR", is: "SI-DEP RECOVERY", df: "2021-05-07", du: "2021-10-23", ci: "" },
  ]);
  assert.equal(mapped.payload.t, undefined);
});

test("the recovery fr is the sample date in Paris, even just after midnight in summer (22:30Z the day before)", () => {
  assert.equal(map({ F5: "P", F6: "010720210030" }).payload.r?.[0].fr, "2021-07-01");
});

test("positiveTest: refuse → a positive PCR is refused", () => {
  assert.throws(() => map({ F5: "P" }, { ...options, positiveTest: "refuse" }), { code: "ERR_MAPPING_POSITIVE_TEST", field: "F5" });
  assert.equal(map({}, { ...options, positiveTest: "refuse" }).type, "t"); // negatives still convert
});

test("antigen tests are refused (no device id), with and without check digit", () => {
  assert.throws(() => map({ F4: "945584" }), { code: "ERR_MAPPING_ANTIGEN_TEST", field: "F4" });
  assert.throws(() => map({ F4: "94558" }), { code: "ERR_MAPPING_ANTIGEN_TEST", field: "F4" });
});

test("antigenTest: test-entry (the verification) → a negative antigen test is a test entry LP217198-3 without ma", () => {
  const verification: MappingOptions = { ...options, antigenTest: "test-entry" };
  for (const code of ["945584", "94558"]) {
    const negative = map({ F4: code }, verification);
    const pcr = map({}, verification);
    assert.equal(negative.type, "t");
    assert.deepEqual(negative.payload.t, [{ ...pcr.payload.t![0]!, tt: "LP217198-3" }], code);
    assert.equal("ma" in negative.payload.t![0]!, false);
  }
  const positive = map({ F4: "945584", F5: "P" }, verification);
  assert.deepEqual(positive.payload.r, map({ F5: "P" }, verification).payload.r, "a positive antigen test is a recovery as a PCR is");
  assert.throws(() => map({ F4: "945071" }, verification), { code: "ERR_MAPPING_SEROLOGY_TEST", field: "F4" });
});

test("serology tests are refused", () => {
  for (const code of ["945071", "945089", "947622", "945634", "945642", "94507"]) {
    assert.throws(() => map({ F4: code }), { code: "ERR_MAPPING_SEROLOGY_TEST", field: "F4" }, code);
  }
});

test("results I and X are refused; an unknown result letter is an unknown code", () => {
  assert.throws(() => map({ F5: "I" }), { code: "ERR_MAPPING_TEST_RESULT", field: "F5" });
  assert.throws(() => map({ F5: "X" }), { code: "ERR_MAPPING_TEST_RESULT", field: "F5" });
  assert.throws(() => map({ F5: "Z" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "F5" });
});

test("an unknown LOINC code is refused, never passed through (spec placeholder 000, kit value 3333)", () => {
  assert.throws(() => map({ F4: "000" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "F4" });
  assert.throws(() => map({ F4: "3333" }), { code: "ERR_MAPPING_UNKNOWN_CODE", field: "F4" });
});

test("an impossible F6 or F2 is refused naming the field", () => {
  assert.throws(() => map({ F6: "310420211030" }), { code: "ERR_MAPPING_INVALID_DATE", field: "F6" });
  assert.throws(() => map({ F5: "P", F6: "260420212460" }), { code: "ERR_MAPPING_INVALID_DATE", field: "F6" });
  assert.throws(() => map({ F2: "30021985" }), { code: "ERR_MAPPING_INVALID_DATE", field: "F2" });
});

test("an empty F0 (kit sample) gives no gn/gnt; without any name the test is refused naming F1", () => {
  assert.deepEqual(map({ F0: "" }).payload.nam, { fn: "SPECIMEN MARTIN", fnt: "SPECIMEN<MARTIN" });
  const noFamily = map({ F1: "", F5: "P" });
  assert.deepEqual(
    [noFamily.type, noFamily.payload.ver, noFamily.payload.nam],
    ["r", "1.3.2", { gn: "CAMILLE ANDREE", gnt: "CAMILLE<ANDREE" }],
  );
  assert.throws(() => map({ F0: "", F1: "" }), { code: "ERR_MAPPING_INVALID_FIELD", field: "F1" });
});
