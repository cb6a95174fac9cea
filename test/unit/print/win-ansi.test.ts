// Text for the standard PDF fonts: French stays as written, what WinAnsi cannot encode is replaced, never garbled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { toWinAnsi } from "../../../src/print/win-ansi.js";

test("French letters, œ and € are kept as written", () => {
  assert.equal(toWinAnsi("Éloïse Cœur-Ça, 10 €"), "Éloïse Cœur-Ça, 10 €");
});

test("letters outside WinAnsi become their base letter or ICAO transliteration; other scripts `?`", () => {
  assert.equal(toWinAnsi("Łęcka"), "Lecka");
  assert.equal(toWinAnsi("Şahin Đorđe"), "Sahin Dorde");
  assert.equal(toWinAnsi("Ωμέγα"), "?????");
  assert.equal(toWinAnsi("李"), "?");
  assert.equal(toWinAnsi("a\u0000b"), "a b");
});
