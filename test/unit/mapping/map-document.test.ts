// mapDocument dispatch and defence in depth, withUvci, and: every kind of mapped payload passes our
// payload check (test/vectors/official-schema.test.ts checks the same payloads against the official schema).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { checkPayload } from "../../../src/dcc/check-payload.js";
import { mapDocument, withUvci, type MappingOptions } from "../../../src/mapping/map-document.js";
import { loadMappingTables } from "../../../src/mapping/tables.js";
import { makeB2, makeL1, mappedDocumentKinds } from "../../support/documents.js";

const tables = loadMappingTables(undefined, loadValueSets());
const options: MappingOptions = { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery", antigenTest: "refuse" };
const UVCI = "URN:UVCI:01:FR:ABCDEFGHIJKL#5";

test("only B2 and L1 of perimeter 01 are mapped (defence in depth behind the verifier)", () => {
  for (const header of [{ documentType: "B3" }, { documentType: "01" }, { perimeter: "02" }]) {
    assert.throws(() => mapDocument(makeL1({}, header), tables, options), { code: "ERR_2DDOC_DOCUMENT_TYPE", name: "TwoDDocError" });
  }
  assert.throws(() => mapDocument(makeB2({}, { documentType: "L1" }), tables, options), { code: "ERR_MAPPING_INVALID_FIELD", field: "L0" });
});

test("errors name the field, never carry the value", () => {
  try {
    mapDocument(makeL1({ L5: "SPECIMENVAX", L6: "SPECIMENVAX" }), tables, options);
    assert.fail("should refuse");
  } catch (error) {
    assert.equal((error as { field?: string }).field, "L5");
    assert.doesNotMatch(String((error as Error).message), /SPECIMENVAX/);
  }
});

test("withUvci returns a new payload with ci set, and leaves the mapped payload untouched", () => {
  for (const mapped of [
    mapDocument(makeL1(), tables, options),
    mapDocument(makeB2(), tables, options),
    mapDocument(makeB2({ F5: "P" }), tables, options),
  ]) {
    const before = structuredClone(mapped.payload);
    const complete = withUvci(mapped.payload, UVCI);
    const entry = complete.v?.[0] ?? complete.t?.[0] ?? complete.r?.[0];
    assert.equal(entry?.ci, UVCI);
    assert.deepEqual(mapped.payload, before);
    assert.notEqual(complete.nam, mapped.payload.nam);
    assert.deepEqual({ ...complete, v: undefined, t: undefined, r: undefined }, { ...before, v: undefined, t: undefined, r: undefined });
  }
});

test("every kind of mapped payload, with its UVCI, passes the payload check every DCC passes before signing", () => {
  const valueSets = loadValueSets();
  for (const doc of mappedDocumentKinds()) {
    const payload = withUvci(mapDocument(doc, tables, options).payload, UVCI);
    assert.equal(checkPayload(payload, valueSets), payload, JSON.stringify(doc.fields));
  }
});
