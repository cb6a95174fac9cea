// CSV as French office software writes it: BOM, `;` or `,`, CRLF, quotes with doubled quotes and line breaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { detectDelimiter, parseCsv } from "../../../src/issue/read-csv.js";

test("BOM, semicolons, CRLF and quoted fields with doubled quotes and a line break", () => {
  const records = parseCsv('\uFEFFa;b;c\r\n1;"x;""y""";3\r\n\r\n"multi\r\nline";;\r\n');
  assert.deepEqual(records, [
    { line: 1, cells: ["a", "b", "c"], unterminated: false },
    { line: 2, cells: ["1", 'x;"y"', "3"], unterminated: false },
    { line: 4, cells: ["multi\r\nline", "", ""], unterminated: false },
  ]);
});

test("commas when the header has more commas than semicolons; no final newline; an open quote at the end", () => {
  assert.equal(detectDelimiter('a,b,"c;d"\n'), ",");
  assert.equal(detectDelimiter("a;b,c;d\n"), ";");
  assert.deepEqual(parseCsv('a,b\n1,"2'), [
    { line: 1, cells: ["a", "b"], unterminated: false },
    { line: 2, cells: ["1", "2"], unterminated: true },
  ]);
});
