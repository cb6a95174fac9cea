// Regression: "cubic version pattern" — the official schema's `ver` pattern `^\d+.\d+.\d+$` (dots
// unescaped) backtracks cubically on a long digit run followed by a wrong character, and the verifier
// applied it to decoded HC1 payloads. VERSION_OFFICIAL must accept exactly the same strings, linearly
// (the linter's no-super-linear-backtracking rule pins the linearity; this pins the language).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DOB_OFFICIAL, VERSION_OFFICIAL, VERSION_WRITTEN } from "../../../src/dcc/schema-patterns.js";

// The upstream pattern itself, only ever run here on short strings.
// eslint-disable-next-line regexp/no-super-linear-backtracking -- the reference being replaced, on ≤ 12 characters
const UPSTREAM_VERSION = /^\d+.\d+.\d+$/u;

test("cubic version pattern: the linear form accepts exactly what upstream's `^\\d+.\\d+.\\d+$` accepts", () => {
  const character = fc.constantFrom("0", "1", "9", ".", "-", "a", "\n", "\u2028", "é", "😀");
  fc.assert(
    fc.property(
      fc.array(character, { maxLength: 12 }).map((chars) => chars.join("")),
      (text) => {
        assert.equal(VERSION_OFFICIAL.test(text), UPSTREAM_VERSION.test(text), JSON.stringify(text));
      },
    ),
    { numRuns: 20_000 },
  );
  for (const text of ["1.3.0", "1.0.0", "11111", "1a2b3", "1.333", "333.1", "1.2.3\n", "1..2.3", "1.2", "😀1.2.3"]) {
    assert.equal(VERSION_OFFICIAL.test(text), UPSTREAM_VERSION.test(text), JSON.stringify(text));
  }
});

test("cubic version pattern: a long digit run with a wrong ending is refused", () => {
  assert.equal(VERSION_OFFICIAL.test(`${"1".repeat(50_000)}\n`), false);
  assert.equal(VERSION_WRITTEN.test("1.3.0"), true);
  assert.equal(VERSION_WRITTEN.test("1x3x0"), false);
});

test("the official dob pattern keeps its language: '', YYYY, YYYY-MM, YYYY-MM-DD, 1900–2099", () => {
  for (const ok of ["", "1964", "1964-08", "1964-08-99", "2099-00-00"]) assert.ok(DOB_OFFICIAL.test(ok), ok);
  for (const bad of ["1899", "2100-01-01", "1964-8", "1964-08-01-01", "19640801"]) assert.ok(!DOB_OFFICIAL.test(bad), bad);
});
