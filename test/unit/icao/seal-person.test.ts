// `pid.n` and `pid.dob` of a seal (src/icao/seal-person.ts; docs/international-format.md "The holder"): ICAO 9303 names,
// surname first, single spaces, at most 39 characters, given names cut first; partial birth dates as the DCC writes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SEAL_NAME_MAX, sealName, sealPerson } from "../../../src/icao/seal-person.js";

test("surname first, then the given names, each ICAO 9303 filler a single space", () => {
  assert.equal(sealName({ fnt: "AZAY<LE<RIDEAU", gnt: "JEAN<PIERRE" }), "AZAY LE RIDEAU JEAN PIERRE");
  assert.equal(sealName({ fnt: "DARTAGNAN" }), "DARTAGNAN");
  assert.equal(sealName({ gnt: "CAMILLE" }), "CAMILLE");
});

test("ICAO 9303 truncation to 39 characters: the given names are cut first, never to nothing; then the surname", () => {
  const given = sealName({ fnt: "SPECIMEN<DURAND", gnt: "MARIE<CLAUDE<ANNE<DOMINIQUE<JOSEPHINE" });
  assert.equal(given, "SPECIMEN DURAND MARIE CLAUDE ANNE DOMIN");
  assert.equal(given.length, SEAL_NAME_MAX);
  const longSurname = sealName({ fnt: "A".repeat(50), gnt: "MARIE" });
  assert.equal(longSurname, `${"A".repeat(37)} M`);
  const cutOnSpace = sealName({ fnt: "SPECIMEN<DE<LA<FONTAINE<DURAND", gnt: "MARIE<ANNE" });
  assert.ok(cutOnSpace.length <= SEAL_NAME_MAX && !cutOnSpace.endsWith(" ") && !cutOnSpace.includes("  "), cutOnSpace);
  assert.equal(sealName({ fnt: "B".repeat(45) }), "B".repeat(39));
});

test("dob is the DCC's (reduced precision kept); sex only when given", () => {
  assert.deepEqual(sealPerson({ nam: { fnt: "X" }, dob: "1952" }), { n: "X", dob: "1952" });
  assert.deepEqual(sealPerson({ nam: { fnt: "X" }, dob: "1952-08" }, "F"), { n: "X", dob: "1952-08", sex: "F" });
});
