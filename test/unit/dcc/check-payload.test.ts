// The issuance gate (EU DCC JSON schema 1.3.3): our check accepts what we issue, refuses every
// invalid payload the official schema has a rule for (test/vectors/official-schema.test.ts shows the
// official schema agrees), and adds our stricter issuance rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkPayload } from "../../../src/dcc/check-payload.js";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { ALL_PAYLOADS, OFFICIAL_RULES, recoveryPayload, testPayload, vaccinationPayload, type Mutation } from "./fixtures.js";

const valueSets = loadValueSets();

test("payloads of all three types pass our check", () => {
  for (const [type, make] of Object.entries(ALL_PAYLOADS)) {
    const payload = make();
    assert.equal(checkPayload(payload, valueSets), payload, type);
  }
});

test("invalid payloads are refused with the JSON pointer of the field (never a value)", () => {
  for (const [name, field, mutate] of OFFICIAL_RULES) {
    const payload = structuredClone(vaccinationPayload()) as unknown as Record<string, any>;
    mutate(payload);
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
  assert.throws(
    () => checkPayload(payload, valueSets),
    (error: Error & { code?: string; field?: string }) => {
      assert.deepEqual([error.code, error.field], ["ERR_DCC_PAYLOAD", "/nam/fnt"]);
      return !error.message.includes("secret") && !JSON.stringify(error).includes("secret");
    },
  );
});
