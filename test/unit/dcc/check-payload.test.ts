// The issuance gate (dcc.md §2, §3): our schema and the OFFICIAL schema 1.3.3 agree on what we issue,
// and every invalid payload the official schema has a rule for is refused by both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { checkPayload } from "../../../src/dcc/check-payload.js";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { vectorsDir } from "../../support/vectors.js";
import { ALL_PAYLOADS, recoveryPayload, testPayload, vaccinationPayload } from "./fixtures.js";

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const valueSets = loadValueSets();
const dir = vectorsDir("official DCC schema");

function officialValidator() {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(dir!, "dcc/schema/DCC.combined-schema.json"), "utf8")) as object);
}

type Mutation = [name: string, field: string, mutate: (p: Record<string, any>) => void];
// Payloads the official schema refuses too: [what, the JSON pointer we must report, the mutation].
const OFFICIAL_RULES: Mutation[] = [
  ["no v/t/r", "/", (p) => delete p["v"]],
  ["v and t", "/", (p) => (p["t"] = testPayload().t)],
  ["two entries", "/v", (p) => p["v"].push({ ...p["v"][0] })],
  ["no nam", "/nam", (p) => delete p["nam"]],
  ["neither fnt nor gnt", "/nam", (p) => (p["nam"] = { fn: "X" })],
  ["fnt lower case", "/nam/fnt", (p) => (p["nam"].fnt = "Specimen")],
  ["gnt with a space", "/nam/gnt", (p) => (p["nam"].gnt = "JEAN PIERRE")],
  ["fnt of 81", "/nam/fnt", (p) => (p["nam"].fnt = "A".repeat(81))],
  ["dob with a time", "/dob", (p) => (p["dob"] = "1970-01-01T00:00:00")],
  ["dob before 1900", "/dob", (p) => (p["dob"] = "1899-12-31")],
  ["dn zero", "/v/0/dn", (p) => (p["v"][0].dn = 0)],
  ["sd as text", "/v/0/sd", (p) => (p["v"][0].sd = "2")],
  ["dn fractional", "/v/0/dn", (p) => (p["v"][0].dn = 1.5)],
  ["dt a date-time", "/v/0/dt", (p) => (p["v"][0].dt = "2021-06-01T00:00:00Z")],
  ["dt impossible", "/v/0/dt", (p) => (p["v"][0].dt = "2021-02-30")],
  ["missing mp", "/v/0/mp", (p) => delete p["v"][0].mp],
  ["is of 81", "/v/0/is", (p) => (p["v"][0].is = "x".repeat(81))],
  ["ci of 81", "/v/0/ci", (p) => (p["v"][0].ci = `URN:UVCI:01:FR:${"A".repeat(66)}`)],
  ["co lower case", "/v/0/co", (p) => (p["v"][0].co = "fr")],
  ["ver not semver", "/ver", (p) => (p["ver"] = "1.3")],
];

test("payloads of all three types pass our check AND the official schema 1.3.3", { skip: dir === undefined }, () => {
  const official = officialValidator();
  for (const [type, make] of Object.entries(ALL_PAYLOADS)) {
    const payload = make();
    assert.equal(checkPayload(payload, valueSets), payload, type);
    assert.ok(official(payload), `${type}: ${JSON.stringify(official.errors)}`);
  }
});

test("invalid payloads are refused by BOTH schemas, with the JSON pointer of the field (never a value)", { skip: dir === undefined }, () => {
  const official = officialValidator();
  for (const [name, field, mutate] of OFFICIAL_RULES) {
    const payload = structuredClone(vaccinationPayload()) as unknown as Record<string, any>;
    mutate(payload);
    assert.equal(official(payload), false, `official accepts: ${name}`);
    assert.throws(() => checkPayload(payload, valueSets), { code: "ERR_DCC_PAYLOAD", field }, name);
  }
});

test("our stricter issuance rules: alpha-2 country, UVCI grammar, real months, no unknown fields", () => {
  const stricter: Mutation[] = [
    ["co of 3 letters (official pattern is unanchored)", "/v/0/co", (p) => (p["v"][0].co = "FRA")],
    ["ci not a UVCI", "/v/0/ci", (p) => (p["v"][0].ci = "dgci:V1:FR:ABC")],
    ["dob month 13", "/dob", (p) => (p["dob"] = "1970-13")],
    ["unknown field", "/v/0", (p) => (p["v"][0].dr = "2021-06-01")],
    ["empty issuer", "/v/0/is", (p) => (p["v"][0].is = "")],
  ];
  for (const [name, field, mutate] of stricter) {
    const payload = structuredClone(vaccinationPayload()) as unknown as Record<string, any>;
    mutate(payload);
    assert.throws(() => checkPayload(payload, valueSets), { code: "ERR_DCC_PAYLOAD", field }, name);
  }
});

test("coded fields must be ACTIVE codes of their value set (ERR_DCC_VALUE_SET names the field)", () => {
  const cases: [string, () => unknown][] = [
    ["v[0].mp", () => ({ ...vaccinationPayload(), v: [{ ...vaccinationPayload().v![0], mp: "EU/1/99/9999" }] })],
    ["v[0].vp", () => ({ ...vaccinationPayload(), v: [{ ...vaccinationPayload().v![0], vp: "J07BX03" }] })], // inactive
    ["v[0].ma", () => ({ ...vaccinationPayload(), v: [{ ...vaccinationPayload().v![0], ma: "ORG-99999999" }] })],
    ["v[0].co", () => ({ ...vaccinationPayload(), v: [{ ...vaccinationPayload().v![0], co: "XY" }] })],
    ["t[0].tr", () => ({ ...testPayload(), t: [{ ...testPayload().t![0], tr: "123" }] })],
    ["t[0].ma", () => ({ ...testPayload(), t: [{ ...testPayload().t![0], tt: "LP217198-3", ma: "1232" }] })], // RAT: never issued
    ["r[0].tg", () => ({ ...recoveryPayload(), r: [{ ...recoveryPayload().r![0], tg: "000000000" }] })],
  ];
  for (const [field, make] of cases) assert.throws(() => checkPayload(make(), valueSets), { code: "ERR_DCC_VALUE_SET", field }, field);
});

test("errors never carry the refused value", () => {
  const payload = { ...vaccinationPayload(), nam: { fnt: "lowercase secret" } };
  assert.throws(() => checkPayload(payload, valueSets), (error: Error) => !error.message.includes("secret"));
});
