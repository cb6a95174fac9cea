// CSV as French office software writes it: BOM, `;` or `,`, CRLF, quotes with doubled quotes and line breaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { detectDelimiter, parseCsv } from "../../../src/issue/read-csv.js";

test("BOM, semicolons, CRLF and quoted fields with doubled quotes and a line break", () => {
  const records = parseCsv('\uFEFFa;b;c\r\n1;"x;""y""";3\r\n\r\n"multi\r\nline";;\r\n');
  assert.deepEqual(records, [
    { line: 1, cells: ["a", "b", "c"], malformed: false },
    { line: 2, cells: ["1", 'x;"y"', "3"], malformed: false },
    { line: 4, cells: ["multi\r\nline", "", ""], malformed: false },
  ]);
});

test("commas when the header has more commas than semicolons; no final newline; an open quote at the end", () => {
  assert.equal(detectDelimiter('a,b,"c;d"\n'), ",");
  assert.equal(detectDelimiter("a;b,c;d\n"), ";");
  assert.deepEqual(parseCsv('a,b\n1,"2'), [
    { line: 1, cells: ["a", "b"], malformed: false },
    { line: 2, cells: [], malformed: true },
  ]);
});

// Regression: a quote inside an unquoted cell opened a quoted section that swallowed the next records.
test("a stray quote makes its own record malformed only; every record keeps its line", () => {
  const records = parseCsv('type;fn;gn\nv;DU"PONT;Marie\nv;MARTIN;Zoé\nv;"LE ""GRAND""" ;Jean\nv;"OK";Anne\nv;PETIT;Luc\n');
  assert.deepEqual(
    records.map((r) => [r.line, r.malformed]),
    [
      [1, false],
      [2, true],
      [3, false],
      [4, true],
      [5, false],
      [6, false],
    ],
  );
  assert.deepEqual(records[2]!.cells, ["v", "MARTIN", "Zoé"]);
  assert.deepEqual(records[4]!.cells, ["v", "OK", "Anne"]);
});

test("a quote never closed refuses its record; the records after the quote's line are read", () => {
  const records = parseCsv('a;b\n1;"open\n2;x\n3;y');
  assert.deepEqual(
    records.map((r) => [r.line, r.malformed, r.cells]),
    [
      [1, false, ["a", "b"]],
      [2, true, []],
      [3, false, ["2", "x"]],
      [4, false, ["3", "y"]],
    ],
  );
  const multi = parseCsv('a;b\n1;"two\nlines";"open\n2;x\n');
  assert.deepEqual(
    multi.map((r) => [r.line, r.malformed]),
    [
      [1, false],
      [2, true],
      [4, false],
    ],
  );
});

test("linear: 20,000 lines of stray and unclosed quotes are read once or twice, one record each", () => {
  const lines = Array.from({ length: 20_000 }, (_, k) => (k % 2 === 0 ? `v;A"B${k}` : `v;"C${k}"x`));
  const paired = Array.from({ length: 20_000 }, (_, k) => `v;""${k}""`); // inside the open quote: escaped quotes only
  const records = parseCsv(`type;fn\n${lines.join("\n")}\n"unclosed\n${paired.join("\n")}`);
  assert.equal(records.length, 1 + 20_000 + 1 + 20_000);
  assert.deepEqual(
    records.map((r) => r.line),
    Array.from({ length: records.length }, (_, k) => k + 1),
  );
  assert.ok(records.slice(1).every((r) => r.malformed));
});
