// The official EU DCC JSON schema 1.3.3 (combined schema, ajv 8 draft 2020-12, strict false, ajv-formats),
// read in place from the external vectors, agrees with our payload check: it accepts the payloads we
// issue and every kind of mapped payload, and refuses each invalid payload our check refuses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { loadValueSets } from "../../src/dcc/value-sets.js";
import { mapDocument, withUvci, type MappingOptions } from "../../src/mapping/map-document.js";
import { loadMappingTables } from "../../src/mapping/tables.js";
import { makeL1, mappedDocumentKinds } from "../support/documents.js";
import { vectorsDir } from "../support/vectors.js";
import { ALL_PAYLOADS, OFFICIAL_RULES, vaccinationPayload } from "../unit/dcc/fixtures.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const dir = vectorsDir("official DCC schema");
const UVCI = "URN:UVCI:01:FR:ABCDEFGHIJKL#5";

/** The schema errors of a payload as one string, "" when it is valid. */
function officialSchema(): (payload: unknown) => string {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(dir!, "dcc/schema/DCC.combined-schema.json"), "utf8")) as object);
  return (payload) => (validate(payload) ? "" : JSON.stringify(validate.errors));
}

test("payloads of all three types as we issue them pass the official schema", { skip: dir === undefined }, () => {
  const errors = officialSchema();
  for (const [type, make] of Object.entries(ALL_PAYLOADS)) assert.equal(errors(make()), "", type);
});

test(
  "each invalid payload our check refuses (test/unit/dcc/check-payload.test.ts) the official schema refuses too",
  { skip: dir === undefined },
  () => {
    const errors = officialSchema();
    for (const [name, , mutate] of OFFICIAL_RULES) {
      const payload = structuredClone(vaccinationPayload()) as unknown as Record<string, any>;
      mutate(payload);
      assert.notEqual(errors(payload), "", `official accepts: ${name}`);
    }
  },
);

test("every kind of mapped payload, with its UVCI, passes the official schema", { skip: dir === undefined }, () => {
  const errors = officialSchema();
  const tables = loadMappingTables(undefined, loadValueSets());
  const options: MappingOptions = { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery", antigenTest: "refuse" };
  for (const doc of mappedDocumentKinds()) {
    assert.equal(errors(withUvci(mapDocument(doc, tables, options).payload, UVCI)), "", JSON.stringify(doc.fields));
  }
  // The check can fail: a payload without a name is refused.
  const payload = withUvci(mapDocument(makeL1(), tables, options).payload, UVCI);
  assert.match(errors({ ...payload, nam: {} }), /required property 'fnt'/);
});
