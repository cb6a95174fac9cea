import { test } from "node:test";
import assert from "node:assert/strict";
import { readLines, type RawLine } from "../../../src/batch/read-lines.js";

async function collect(chunks: (string | Uint8Array)[], max?: number): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const line of readLines(
    (async function* () {
      yield* chunks;
    })(),
    max,
  ))
    out.push(line);
  return out;
}

test("splits on LF across chunk boundaries, numbering lines from 1", async () => {
  const lines = await collect(['{"a"', ':1}\n{"b":2}\n', '{"c":3}']);
  assert.deepEqual(
    lines.map((l) => [l.number, l.text]),
    [
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [3, '{"c":3}'],
    ],
  );
});

test("drops the CR of CRLF and counts bytes with the LF", async () => {
  const lines = await collect(["ab\r\ncd\n"]);
  assert.deepEqual(
    lines.map((l) => [l.text, l.bytes]),
    [
      ["ab", 4],
      ["cd", 3],
    ],
  );
});

test("the empty rest after a final LF is not a line; an empty line in the middle is", async () => {
  const lines = await collect(["x\n\ny\n"]);
  assert.deepEqual(
    lines.map((l) => [l.number, l.text]),
    [
      [1, "x"],
      [2, ""],
      [3, "y"],
    ],
  );
});

test("a multi-byte UTF-8 character split across chunks is decoded whole", async () => {
  const bytes = Buffer.from("é\n", "utf8");
  const lines = await collect([bytes.subarray(0, 1), bytes.subarray(1)]);
  assert.equal(lines[0]?.text, "é");
});

test("a line longer than the limit is reported without its text and reading goes on", async () => {
  const lines = await collect(["short\n", "x".repeat(10), "x".repeat(10), "\nafter\n", "y".repeat(30)], 16);
  assert.deepEqual(
    lines.map((l) => [l.number, l.text]),
    [
      [1, "short"],
      [2, undefined],
      [3, "after"],
      [4, undefined],
    ],
  );
  assert.equal(lines[1]?.bytes, 21);
});

test("quadratic line assembly: a line arriving one byte per chunk is copied together once, not once per chunk", async () => {
  const line = `{"id":"a","document":"${"A".repeat(20_000)}"}`;
  const concat = Buffer.concat;
  let copied = 0;
  Buffer.concat = ((list: readonly Uint8Array[], totalLength?: number) => {
    const result = concat(list, totalLength);
    copied += result.length;
    return result;
  }) as typeof Buffer.concat;
  let lines;
  try {
    lines = await collect([...`${line}\n`].map((char) => Buffer.from(char)));
  } finally {
    Buffer.concat = concat;
  }
  assert.equal(lines[0]?.text, line);
  assert.ok(copied <= 2 * (line.length + 1), `${copied} bytes copied for a ${line.length}-byte line`);
});
