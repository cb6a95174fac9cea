import { test } from "node:test";
import assert from "node:assert/strict";
import { readLines } from "../../../src/batch/read-lines.js";
import { limitLines } from "../../../src/batch/limit-lines.js";
import { runBatch } from "../../../src/batch/run-batch.js";
import type { Conversion } from "../../../src/convert.js";
import { MappingError, RequestError } from "../../../src/errors.js";

// A stand-in conversion: documents starting "OK" convert, "BAD" is refused, "BUG" is a programmer error.
async function convert(document: string): Promise<Conversion> {
  if (document.startsWith("BAD")) throw new MappingError("ERR_MAPPING_ANTIGEN_TEST");
  if (document.startsWith("BUG")) throw new TypeError("boom");
  return {
    dcc: `HC1:${document}`,
    type: "vaccination",
    uvci: "URN:UVCI:01:FR:X#Y",
    kid: "a2lk",
    issuedAt: "2024-01-01T00:00:00.000Z",
    expiresAt: "2025-01-01T00:00:00.000Z",
  } as Conversion;
}

async function run(text: string, limits = { maxLines: 1e9, maxBytes: 1e12 }) {
  const unexpected: unknown[] = [];
  const out: unknown[] = [];
  const lines = limitLines(readLines([Buffer.from(text)]), limits);
  for await (const result of runBatch(lines, { convert, concurrency: 3, onUnexpected: (e) => unexpected.push(e) }))
    out.push(JSON.parse(result.text));
  return { out, unexpected };
}

test("mixed lines: one result per line, in order, ids kept, errors with code and status", async () => {
  const input =
    [
      '{"id":"a","document":"OK1"}',
      "garbage",
      '{"id":"b","document":"BAD"}',
      '{"document":"OK2"}',
      "",
      '{"id":"c","document":"BUG"}',
      '{"id":"d","document":"OK3"}',
    ].join("\n") + "\n";
  const { out, unexpected } = await run(input);
  assert.deepEqual(out, [
    {
      line: 1,
      id: "a",
      dcc: "HC1:OK1",
      type: "vaccination",
      uvci: "URN:UVCI:01:FR:X#Y",
      kid: "a2lk",
      issuedAt: "2024-01-01T00:00:00.000Z",
      expiresAt: "2025-01-01T00:00:00.000Z",
    },
    { line: 2, error: { code: "ERR_BATCH_LINE", status: 400 } },
    { line: 3, id: "b", error: { code: "ERR_MAPPING_ANTIGEN_TEST", status: 422 } },
    { line: 4, error: { code: "ERR_BATCH_LINE", status: 400 } },
    { line: 5, error: { code: "ERR_BATCH_LINE", status: 400 } },
    { line: 6, id: "c", error: { code: "ERR_INTERNAL", status: 500 } },
    {
      line: 7,
      id: "d",
      dcc: "HC1:OK3",
      type: "vaccination",
      uvci: "URN:UVCI:01:FR:X#Y",
      kid: "a2lk",
      issuedAt: "2024-01-01T00:00:00.000Z",
      expiresAt: "2025-01-01T00:00:00.000Z",
    },
  ]);
  assert.equal(unexpected.length, 1);
});

test("over the line limit: the lines within are answered, then one final ERR_BATCH_TOO_LARGE line", async () => {
  const input = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `n${i}`, document: "OK" })).join("\n");
  const { out } = await run(input, { maxLines: 4, maxBytes: 1e9 });
  assert.equal(out.length, 5);
  assert.deepEqual(out[4], { line: 5, error: { code: "ERR_BATCH_TOO_LARGE", status: 413 } });
});

test("over the byte limit: the line that crosses it is not processed", async () => {
  const line = JSON.stringify({ id: "x", document: "OK" }); // 27 bytes + LF = 28
  const { out } = await run(`${line}\n${line}\n${line}\n`, { maxLines: 100, maxBytes: 60 });
  assert.deepEqual(
    out.map((o) => (o as { error?: { code: string } }).error?.code ?? "OK"),
    ["OK", "OK", "ERR_BATCH_TOO_LARGE"],
  );
});

test("a line refused by a full queue (ERR_OVERLOADED) waits and is tried again: a running batch drops no line", async () => {
  const refusals = new Map<string, number>();
  const overloaded = async (document: string): Promise<Conversion> => {
    const seen = refusals.get(document) ?? 0;
    if (seen < 2) {
      refusals.set(document, seen + 1);
      throw new RequestError("ERR_OVERLOADED", { field: "workers" });
    }
    return convert(document);
  };
  const input = ['{"id":"a","document":"OK1"}', '{"id":"b","document":"BAD"}', '{"id":"c","document":"OK2"}'].join("\n");
  const out: Array<{ line: number; dcc?: string; error?: { code: string } }> = [];
  for await (const result of runBatch(limitLines(readLines([Buffer.from(input)]), { maxLines: 10, maxBytes: 1e6 }), {
    convert: overloaded,
  }))
    out.push(JSON.parse(result.text));
  assert.deepEqual(
    out.map((line) => line.dcc ?? line.error?.code),
    ["HC1:OK1", "ERR_MAPPING_ANTIGEN_TEST", "HC1:OK2"],
  );
  assert.deepEqual([...refusals.values()], [2, 2, 2]);
});

test("a batch aborted while a line waits stops retrying: that line gets its ERR_OVERLOADED", async () => {
  const controller = new AbortController();
  let calls = 0;
  const abortThenRefuse = async (): Promise<Conversion> => {
    calls++;
    controller.abort(); // the client went away while the queue was full
    throw new RequestError("ERR_OVERLOADED", { field: "hsm" });
  };
  const out: Array<{ error?: { code: string; status: number } }> = [];
  const lines = limitLines(readLines([Buffer.from('{"id":"a","document":"OK1"}')]), { maxLines: 10, maxBytes: 1e6 });
  for await (const result of runBatch(lines, { convert: abortThenRefuse, signal: controller.signal })) out.push(JSON.parse(result.text));
  assert.equal(calls, 1);
  assert.ok(out.length <= 1);
  for (const line of out) assert.deepEqual(line.error, { code: "ERR_OVERLOADED", status: 503 });
});
