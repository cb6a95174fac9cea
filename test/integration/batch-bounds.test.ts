// Concurrent batches are bounded (docs/operations.md "Bounds"), on the real service and SoftHSM: past
// BATCH_MAX_CONCURRENT a new batch gets 503 ERR_OVERLOADED with Retry-After and the refusal is counted,
// while the running batches answer every line and a single conversion still converts; and several large
// batches in parallel keep a separate service process's RSS under the documented bound.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { startTestService, type TestService } from "../support/service.js";
import { residentBytes, startServiceProcess } from "../support/service-process.js";

/** The RSS bound of docs/operations.md "Bounds": a service process with batches running in parallel. */
const RSS_BOUND = 640 * 2 ** 20;
const line = (i: number) => `${JSON.stringify({ id: `n${i}`, document: SPECIMEN_2DDOC })}\n`;

interface ResultLine {
  line: number;
  id?: string;
  type?: string;
  error?: { code: string };
}

/** Input lines made on demand; after `holdAfter` lines it waits for `hold` before sending the rest. */
async function* lines(count: number, holdAfter = count, hold: Promise<void> = Promise.resolve()) {
  for (let i = 0; i < count; i += 1) {
    if (i === holdAfter) await hold;
    if (i % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
    yield line(i);
  }
}

/** Starts a batch; resolves with the response once its headers are in, and the lines as they arrive. */
async function startBatch(url: string, body: AsyncIterable<string>, onLine: (r: ResultLine) => void = () => {}) {
  const response = await fetch(`${url}/v1/conversions/batch`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: Readable.from(body) as unknown as ReadableStream,
    duplex: "half",
  } as RequestInit);
  const done = (async () => {
    const results: ResultLine[] = [];
    if (response.status !== 200 || response.body === null) return results;
    let rest = "";
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) {
        const result = JSON.parse(part) as ResultLine;
        results.push(result);
        onLine(result);
      }
    }
    assert.equal(rest, "", "the response ends with a complete line");
    return results;
  })();
  return { response, done };
}

function assertEveryLineConverted(results: ResultLine[], count: number): void {
  assert.equal(results.length, count);
  results.forEach((r, i) => assert.deepEqual([r.line, r.id, r.type], [i + 1, `n${i}`, "vaccination"]));
}

describe("BATCH_MAX_CONCURRENT=2", () => {
  let service: TestService;
  before(async () => {
    service = await startTestService({ BATCH_MAX_CONCURRENT: "2" });
  });
  after(() => service.close());

  test("a third concurrent batch gets 503 ERR_OVERLOADED with Retry-After, counted; the two running batches answer every line", async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = await startBatch(service.url, lines(300, 100, hold));
    const second = await startBatch(service.url, lines(300, 100, hold));
    assert.deepEqual([first.response.status, second.response.status], [200, 200]);

    const third = await startBatch(service.url, lines(10));
    assert.equal(third.response.status, 503);
    assert.ok(Number(third.response.headers.get("retry-after")) >= 1, "Retry-After");
    assert.equal(third.response.headers.get("content-type"), "application/problem+json; charset=utf-8");
    assert.deepEqual(await third.response.json(), {
      type: "urn:dcc-converter:error:ERR_OVERLOADED",
      title: "The service is at capacity; retry later.",
      status: 503,
      code: "ERR_OVERLOADED",
      instance: `urn:request:${third.response.headers.get("x-request-id")}`,
      field: "batch",
    });
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /^dcc_overload_refusals_total\{queue="batch"\} 1$/m);

    // A request inside its own bound still converts while both batch slots are taken.
    const single = await fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: SPECIMEN_2DDOC }),
    });
    assert.equal(single.status, 200);

    release();
    assertEveryLineConverted(await first.done, 300);
    assertEveryLineConverted(await second.done, 300);
    // The slots are free again once the batches ended.
    const after = await startBatch(service.url, lines(3));
    assert.equal(after.response.status, 200);
    assertEveryLineConverted(await after.done, 3);
  });
});

describe("batches in parallel, memory", () => {
  test("3 × 20,000 lines streamed at once keep the service process's RSS under the documented bound", { timeout: 300_000 }, async () => {
    const service = await startServiceProcess();
    try {
      const samples: Array<[number, number]> = [];
      let count = 0;
      const sample = () => {
        count += 1;
        if (count % 500 === 0) samples.push([count, residentBytes(service.child.pid!)]);
      };
      const batches = await Promise.all([0, 1, 2].map(() => startBatch(service.url, lines(20_000), sample)));
      const results = await Promise.all(batches.map((b) => b.done));
      for (const r of results) assertEveryLineConverted(r, 20_000);
      const peak = (from: number, to: number) => Math.max(...samples.filter(([n]) => n > from && n <= to).map(([, r]) => r));
      const [early, late, all] = [peak(9_000, 30_000), peak(30_000, 60_000), peak(0, 60_000)];
      const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
      console.log(
        `# 3 parallel batches of 20,000 lines: service RSS peak ${mib(all)} MiB (lines 9k–30k ${mib(early)}, 30k–60k ${mib(late)}; bound ${mib(RSS_BOUND)} MiB)`,
      );
      assert.ok(late <= early + 64 * 2 ** 20, "RSS does not grow with the line count");
      assert.ok(all < RSS_BOUND, "RSS stays under the documented bound");
    } finally {
      service.child.kill("SIGTERM");
      await service.exited;
    }
  });
});
