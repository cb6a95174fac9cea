// Sharding and merging batch outputs (src/batch/shard.ts, merge-results.ts, min-heap.ts): shards partition the
// lines by (line - 1) mod N; the merge restores input order and refuses duplicates, gaps, disorder, cut
// lines, unfinished shards and (given the input's line count) a missing tail, naming line numbers and files only.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { inShard, parseShard, takeShard } from "../../../src/batch/shard.js";
import { mergeResults, type ResultSource } from "../../../src/batch/merge-results.js";
import { MinHeap } from "../../../src/batch/min-heap.js";
import type { RawLine } from "../../../src/batch/read-lines.js";

async function* numbered(texts: readonly string[], numbers?: readonly number[]): AsyncGenerator<RawLine> {
  for (const [i, text] of texts.entries()) yield { number: numbers?.[i] ?? i + 1, text, bytes: text.length + 1 };
}

const resultText = (line: number) => JSON.stringify({ line, id: `id-${line}`, type: "vaccination" });

function source(name: string, lines: readonly number[]): ResultSource {
  return { name, lines: numbered(lines.map(resultText)) };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test("parseShard: K/N with 0 <= K < N only", () => {
  assert.deepEqual(parseShard("0/1"), { index: 0, count: 1 });
  assert.deepEqual(parseShard("3/4"), { index: 3, count: 4 });
  for (const bad of ["4/4", "1/0", "-1/4", "1/", "/4", "a/b", "1/4 ", "1.0/4", "$(JOB_COMPLETION_INDEX)/4"]) {
    assert.equal(parseShard(bad), undefined, bad);
  }
});

test("shards partition the lines and keep their numbers; merging them restores the input", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 9 }), async (total, count) => {
      const input = Array.from({ length: total }, (_, i) => i + 1);
      const shards = await Promise.all(
        Array.from({ length: count }, (_, index) => collect(takeShard(numbered(input.map(String)), { index, count }))),
      );
      assert.deepEqual(
        shards
          .flat()
          .map((l) => l.number)
          .sort((a, b) => a - b),
        input,
      );
      shards.forEach((lines, index) => assert.ok(lines.every((l) => inShard(l.number, { index, count }))));
      const merged = await collect(
        mergeResults(
          shards.map((lines, k) =>
            source(
              `out-${k}`,
              lines.map((l) => l.number),
            ),
          ),
        ),
      );
      assert.deepEqual(merged, input.map(resultText));
    }),
    { numRuns: 60 },
  );
});

const refusals: Record<string, { sources: ResultSource[]; message: RegExp; expected?: number }> = {
  "a line in two files": { sources: [source("a", [1, 3]), source("b", [2, 3])], message: /line 3 is in more than one file/ },
  "a line in no file": {
    sources: [source("a", [1, 3, 5]), source("b", [2, 6])],
    message: /line 4 is in no file \(the next one, 5, is in a\)/,
  },
  "a file out of order": { sources: [source("a", [1, 2, 2]), source("b", [])], message: /a: line 2 after line 2 \(not in input order\)/ },
  "an unfinished shard": {
    sources: [source("a", [1, 3, 5, 7]), source("b", [2, 4])],
    message: /line 6 is in no file \(the next one, 7, is in a\)/,
  },
  "an empty shard of a long campaign": { sources: [source("a", [1, 3]), source("b", [])], message: /line 2 is in no file/ },
  "a cut last line": {
    sources: [source("a", [1]), { name: "b", lines: numbered([resultText(2).slice(0, 20)]) }],
    message: /b: its line 1 is not a result line \(an interrupted shard: run it again with --resume\)/,
  },
};

refusals["lines missing after every file's last line (with the input's line count)"] = {
  sources: [source("a", [1, 3]), source("b", [2])],
  expected: 4,
  message: /the files hold 3 lines, not 4: lines 4 to 4 are in no file/,
};

for (const [name, { sources, message, expected }] of Object.entries(refusals)) {
  test(`the merge refuses ${name}`, async () => {
    await assert.rejects(collect(mergeResults(sources, expected)), (error: Error & { code?: string; field?: string }) => {
      assert.equal(error.code, "ERR_CONFIG");
      assert.match(error.field ?? "", message);
      assert.doesNotMatch(error.field ?? "", /id-|vaccination/, "the message carries content");
      return true;
    });
  });
}

test("an empty shard is fine when the campaign has fewer lines than shards", async () => {
  assert.deepEqual(await collect(mergeResults([source("a", [1]), source("b", [2]), source("c", [])], 2)), [resultText(1), resultText(2)]);
});

test("MinHeap pops in order", () => {
  fc.assert(
    fc.property(fc.array(fc.integer()), (values) => {
      const heap = new MinHeap<number>((a, b) => a - b);
      values.forEach((v) => heap.push(v));
      const out: number[] = [];
      for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
      assert.deepEqual(
        out,
        [...values].sort((a, b) => a - b),
      );
    }),
  );
});
