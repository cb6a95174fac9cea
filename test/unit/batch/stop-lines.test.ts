// A batch told to stop (graceful shutdown): no further line is read, even one still arriving, and one
// marker takes the place of the next line; an untouched batch passes through unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { stopLines, isStopped } from "../../../src/batch/stop-lines.js";

interface Line {
  readonly number: number;
}

async function* slowLines(count: number, pauseAfter: number, pause: Promise<void>): AsyncGenerator<Line> {
  for (let number = 1; number <= count; number += 1) {
    if (number === pauseAfter + 1) await pause;
    yield { number };
  }
}

test("without a stop, every line passes and nothing is added", async () => {
  const out = [];
  for await (const item of stopLines(slowLines(5, 5, Promise.resolve()), new AbortController().signal)) out.push(item);
  assert.deepEqual(
    out,
    [1, 2, 3, 4, 5].map((number) => ({ number })),
  );
});

test("a stop while the next line is still arriving ends with a marker for that line", async () => {
  const controller = new AbortController();
  const out: Array<Line | { stopped: true; number: number }> = [];
  const never = new Promise<void>(() => {});
  for await (const item of stopLines(slowLines(10, 3, never), controller.signal)) {
    out.push(item);
    if (out.length === 3) setImmediate(() => controller.abort());
  }
  assert.deepEqual(
    out.map((i) => (isStopped(i) ? `stop@${i.number}` : i.number)),
    [1, 2, 3, "stop@4"],
  );
});

test("a stop before the batch starts answers nothing but the marker for line 1", async () => {
  const controller = new AbortController();
  controller.abort();
  const out = [];
  for await (const item of stopLines(slowLines(3, 3, Promise.resolve()), controller.signal)) out.push(item);
  assert.deepEqual(out, [{ stopped: true, number: 1 }]);
});
