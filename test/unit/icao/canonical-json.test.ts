// RFC 8785 (JCS) on the RFC's own examples: §3.2.2 (values and string escapes), §3.2.3 (property sorting by UTF-16
// code units) and Appendix B (ECMAScript number serialisation, IEEE 754 bit patterns); refusals of §3.2.2.2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson } from "../../../src/icao/canonical-json.js";

test("RFC 8785 §3.2.2: numbers, a string with escapes, literals", () => {
  const input = JSON.parse(String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`) as unknown;
  assert.equal(
    canonicalJson(input),
    String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
  );
});

test("RFC 8785 §3.2.3: properties sorted by UTF-16 code units, not by code points", () => {
  const input = JSON.parse(String.raw`{
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  }`) as unknown;
  const names = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"];
  const values = [
    "Carriage Return",
    "One",
    "Control",
    "Latin Small Letter O With Diaeresis",
    "Euro Sign",
    "Emoji: Grinning Face",
    "Hebrew Letter Dalet With Dagesh",
  ];
  const expected = `{${names.map((name, index) => `${JSON.stringify(name)}:"${values[index] ?? ""}"`).join(",")}}`;
  assert.equal(canonicalJson(input), expected);
  assert.ok(canonicalJson(input).startsWith(String.raw`{"\r":"Carriage Return","1":"One","` + "\u0080"));
});

test("RFC 8785 Appendix B: IEEE 754 doubles in their ECMAScript form", () => {
  const cases: readonly [string, string][] = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ];
  for (const [bits, expected] of cases) assert.equal(canonicalJson(Buffer.from(bits, "hex").readDoubleBE(0)), expected, bits);
});

test("RFC 8785 §3.2.2.2: NaN, infinities and lone surrogates have no canonical form", () => {
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, { a: Number.NEGATIVE_INFINITY }, "\ud800", { "\udc00": 1 }]) {
    assert.throws(() => canonicalJson(value), TypeError);
  }
});

test("a pretty-printed object and its compact copy have the same canonical form", () => {
  const pretty = '{\n  "msg": { "b": [1, 2], "a": "x" },\n  "hdr": { "v": 1 }\n}';
  assert.equal(canonicalJson(JSON.parse(pretty)), '{"hdr":{"v":1},"msg":{"a":"x","b":[1,2]}}');
});
