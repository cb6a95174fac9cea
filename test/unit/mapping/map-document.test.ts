// mapDocument dispatch and defence in depth, withUvci, and: every mapped payload passes the OFFICIAL
// DCC schema (dcc.md §2: 1.3.3 combined schema, ajv 8 draft 2020-12, strict false, ajv-formats).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import type { DccPayload } from "../../../src/dcc/types.js";
import { mapDocument, withUvci, type MappingOptions } from "../../../src/mapping/map-document.js";
import { loadMappingTables } from "../../../src/mapping/tables.js";
import { makeB2, makeL1 } from "../../support/documents.js";
import { vectorsDir } from "../../support/vectors.js";

const tables = loadMappingTables(undefined, loadValueSets());
const options: MappingOptions = { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery" };
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
  for (const mapped of [mapDocument(makeL1(), tables, options), mapDocument(makeB2(), tables, options), mapDocument(makeB2({ F5: "P" }), tables, options)]) {
    const before = structuredClone(mapped.payload);
    const complete = withUvci(mapped.payload, UVCI);
    const entry = complete.v?.[0] ?? complete.t?.[0] ?? complete.r?.[0];
    assert.equal(entry?.ci, UVCI);
    assert.deepEqual(mapped.payload, before);
    assert.notEqual(complete.nam, mapped.payload.nam);
    assert.deepEqual({ ...complete, v: undefined, t: undefined, r: undefined }, { ...before, v: undefined, t: undefined, r: undefined });
  }
});

const vectors = vectorsDir("mapped payloads vs official DCC schema");

/** The schema errors of a payload as one string, "" when it is valid. */
function officialSchemaValidator(dir: string): (payload: DccPayload) => string {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const schema = JSON.parse(readFileSync(join(dir, "dcc/schema/DCC.combined-schema.json"), "utf8")) as object;
  const validate = ajv.compile(schema);
  return (payload) => (validate(payload) ? "" : JSON.stringify(validate.errors));
}

test("every kind of mapped payload, with its UVCI, passes the official DCC schema", { skip: vectors === undefined }, () => {
  const schemaErrors = officialSchemaValidator(vectors!);
  const documents = [
    makeL1(), makeL1({ L7: "1", L8: "2", LA: "CO" }), makeL1({ L7: "1", L8: "2", LA: "TE" }), makeL1({ L1: "" }),
    makeL1({ L0: "" }), makeL1({ L2: "00001960" }), makeL1({ L2: "00031960" }), makeL1({ L5: "MODERNA", L6: "MODERNA" }),
    makeL1({ L5: "VAXZEVRIA", L6: "ASTRAZENECA" }), makeL1({ L5: "JANSSEN", L6: "JANSSEN" }), makeL1({ L0: "SPECIMEN D'ARTAGNAN-ÉLÉ" }),
    makeB2(), makeB2({ F0: "" }), makeB2({ F6: "150120210900" }), makeB2({ F6: "280320210230" }), makeB2({ F6: "311020210230" }),
    makeB2({ F5: "P" }), makeB2({ F1: "", F5: "P" }), makeB2({ F4: "94309", F0: "JEAN LOUIS/EDOUARD" }),
  ];
  for (const doc of documents) {
    const mapped = mapDocument(doc, tables, options);
    assert.equal(schemaErrors(withUvci(mapped.payload, UVCI)), "", JSON.stringify(doc.fields));
  }
});

test("the schema check in this test can fail: a payload without a name is rejected", { skip: vectors === undefined }, () => {
  const schemaErrors = officialSchemaValidator(vectors!);
  const payload = withUvci(mapDocument(makeL1(), tables, options).payload, UVCI);
  assert.match(schemaErrors({ ...payload, nam: {} }), /required property 'fnt'/);
});
