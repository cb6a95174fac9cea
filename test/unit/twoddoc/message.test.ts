import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseHeader } from "../../../src/twoddoc/header.js";
import { parseMessage } from "../../../src/twoddoc/message.js";

const GS = "\x1d";
const RS = "\x1e";
const B2 = parseHeader("DC04FR99TST91E6A1E6AB201FR");
const L1 = parseHeader("DC04FR99TST91E6A1E6AL101FR");

/** A B2 message with one field replaced (invented specimen values). */
function b2(overrides: Partial<Record<"F0" | "F1" | "F2" | "F3" | "F4" | "F5" | "F6", string>> = {}): string {
  const f = {
    F0: `F0MARIE${GS}`,
    F1: `F1SPECIMEN${GS}`,
    F2: "F201011970",
    F3: "F3F",
    F4: `F4945006${GS}`,
    F5: "F5N",
    F6: "F6010620211030",
    ...overrides,
  };
  return f.F0 + f.F1 + f.F2 + f.F3 + f.F4 + f.F5 + f.F6;
}

function l1(overrides: Partial<Record<string, string>> = {}): string {
  const f: Record<string, string> = {
    L0: `L0SPECIMEN${GS}`,
    L1: `L1MARIE${GS}`,
    L2: "L201011970",
    L3: `L3COVID-19${GS}`,
    L4: `L4J07BX03${GS}`,
    L5: `L5MODERNA${GS}`,
    L6: `L6MODERNA${GS}`,
    L7: "L72",
    L8: "L82",
    L9: "L901062021",
    LA: "LATE",
    ...overrides,
  };
  return Object.values(f).join("");
}

const value = (message: string, header = B2, di = "F0") => parseMessage(message, header)[di];

describe("parseMessage — B2 (ANTS 2D-Doc, message zone and B2)", () => {
  it("reads every field in emission order", () => {
    const fields = parseMessage(b2(), B2);
    assert.deepEqual(Object.keys(fields), ["F0", "F1", "F2", "F3", "F4", "F5", "F6"]);
    assert.deepEqual(fields["F4"], { value: "945006", truncated: false });
    assert.deepEqual(fields["F6"], { value: "010620211030", truncated: false });
  });
  it("reads an empty F0 as DI + GS", () => {
    assert.deepEqual(value(b2({ F0: `F0${GS}` })), { value: "", truncated: false });
  });
  it("flags a value ended by RS as truncated", () => {
    assert.deepEqual(value(b2({ F1: `F1SPECIMEN${RS}` }), B2, "F1"), { value: "SPECIMEN", truncated: true });
  });
  it("skips a stray GS after a fixed field", () => {
    assert.deepEqual(value(b2({ F2: `F201011970${GS}`, F5: `F5N${GS}` }), B2, "F3"), { value: "F", truncated: false });
  });
  it("accepts a GS at the very end (before US)", () => {
    assert.equal(value(`${b2()}${GS}`, B2, "F6")?.value, "010620211030");
  });
  it("accepts a variable value filling its maximum with or without terminator", () => {
    assert.equal(value(b2({ F4: "F49450061" }), B2, "F4")?.value, "9450061");
    assert.equal(value(b2({ F4: `F49450061${GS}` }), B2, "F4")?.value, "9450061");
    assert.equal(value(b2({ F0: `F0${"A".repeat(60)}${GS}` }))?.value.length, 60);
  });
  it("accepts printable ASCII in names (an apostrophe, as issuers wrote)", () => {
    assert.equal(value(b2({ F1: `F1D'ARTAGNAN${GS}` }), B2, "F1")?.value, "D'ARTAGNAN");
  });
  it("refuses a name longer than its maximum (F1 ≤ 38)", () => {
    assert.throws(() => parseMessage(b2({ F1: `F1${"A".repeat(39)}${GS}` }), B2), { code: "ERR_2DDOC_FIELD", field: "F1" });
  });
  it("refuses each B2 rule break with ERR_2DDOC_FIELD naming the DI", () => {
    const cases: Array<[string, string]> = [
      ["F2", b2({ F2: "F20101197A" })],
      ["F2", b2({ F2: "F2010119" })],
      ["F3", b2({ F3: "F31" })],
      ["F4", b2({ F4: `F494${GS}` })],
      ["F4", b2({ F4: `F494500A${GS}` })],
      ["F5", b2({ F5: "F5-" })],
      ["F6", b2({ F6: "F60106202110" + "" }).slice(0, -1)],
      ["F6", b2({ F6: "F60106202110X0" })],
    ];
    for (const [field, message] of cases) assert.throws(() => parseMessage(message, B2), { code: "ERR_2DDOC_FIELD", field }, field);
  });
  it("unknown field identifier is not echoed: refused as the message, never named", () => {
    assert.throws(() => parseMessage(`${b2()}ZZ1`, B2), { code: "ERR_2DDOC_FIELD", field: "message" });
    assert.throws(() => parseMessage(`L0X${GS}${b2()}`, B2), { code: "ERR_2DDOC_FIELD", field: "message" });
  });
  it("does not name a DI-shaped piece that is not a DI", () => {
    assert.throws(() => parseMessage(`${b2()}${GS}${GS}X`, B2), { code: "ERR_2DDOC_FIELD", field: "message" });
  });
  it("refuses a missing mandatory DI with ERR_2DDOC_MESSAGE naming it", () => {
    assert.throws(() => parseMessage(b2({ F3: "" }), B2), { code: "ERR_2DDOC_MESSAGE", field: "F3" });
    assert.throws(() => parseMessage("", B2), { code: "ERR_2DDOC_MESSAGE", field: "F0" });
  });
  it("refuses a repeated DI and a dangling character", () => {
    assert.throws(() => parseMessage(`${b2()}F3M`, B2), { code: "ERR_2DDOC_MESSAGE", field: "F3" });
    assert.throws(() => parseMessage(`${b2()}F`, B2), { code: "ERR_2DDOC_MESSAGE" });
  });
});

describe("parseMessage — L1 (ANTS 2D-Doc, L1)", () => {
  it("reads every field", () => {
    const fields = parseMessage(l1(), L1);
    assert.equal(Object.keys(fields).length, 11);
    assert.deepEqual(fields["LA"], { value: "TE", truncated: false });
    assert.equal(fields["L5"]?.value, "MODERNA");
  });
  it("does not validate L2 as a date (lunar dates)", () => {
    assert.equal(value(l1({ L2: "L230451962" }), L1, "L2")?.value, "30451962");
  });
  it("accepts a stray GS after L2 (TousAntiCovid regex)", () => {
    assert.equal(value(l1({ L2: `L201011970${GS}` }), L1, "L3")?.value, "COVID-19");
  });
  it("refuses each L1 rule break with ERR_2DDOC_FIELD naming the DI", () => {
    const cases: Array<[string, string]> = [
      ["L0", l1({ L0: `L0${"A".repeat(81)}${GS}` })],
      ["L1", l1({ L1: `L1${"A".repeat(81)}${GS}` })],
      ["L2", l1({ L2: "L20101197X" })],
      ["L3", l1({ L3: `L3${"C".repeat(31)}${GS}` })],
      ["L4", l1({ L4: `L4J07${GS}` })],
      ["L4", l1({ L4: `L4J07BX-3${GS}` })],
      ["L5", l1({ L5: `L5MOD${GS}`.replace("MOD", "MO") })],
      ["L6", l1({ L6: `L6${"M".repeat(31)}${GS}` })],
      ["L7", l1({ L7: "L7X" })],
      ["L8", l1({ L8: "L8-" })],
      ["L9", l1({ L9: "L90106202A" })],
      ["LA", l1({ LA: "LAT1" })],
    ];
    for (const [field, message] of cases) assert.throws(() => parseMessage(message, L1), { code: "ERR_2DDOC_FIELD", field }, field);
  });
  it("refuses an L1 without LA", () => {
    assert.throws(() => parseMessage(l1({ LA: "" }), L1), { code: "ERR_2DDOC_MESSAGE", field: "LA" });
  });
});

describe("parseMessage — other documents", () => {
  it("parses nothing for other document types or perimeters", () => {
    assert.deepEqual(parseMessage("90MAITRE\x1d", parseHeader("DC04FR000001198519D31201FR")), {});
    assert.deepEqual(parseMessage(b2(), parseHeader("DC04FR99TST91E6A1E6AB202FR")), {});
  });
});
