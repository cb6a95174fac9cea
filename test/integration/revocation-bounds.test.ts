// POST /v1/revocations under a careless or hostile client, on the real service (SoftHSM, HTTP on an ephemeral port):
// a 40 MiB body of 10,000 items is 413 before it is held (the memory growth and event-loop delay of that request are
// reported, not asserted as timings); a document item longer than a conversion takes is refused for its item alone;
// past two revocation requests in progress a third is 503 ERR_OVERLOADED with Retry-After before its body is read.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { randomUvci } from "../../src/dcc/uvci.js";
import { REVOCATION_MAX_CONCURRENT } from "../../src/http/revocations-routes.js";
import { startTestService, type TestService } from "../support/service.js";
import { bodyOf, holdPastBound, holdRequest } from "../support/held-request.js";

interface Problem {
  code: string;
  field?: string;
}

describe("POST /v1/revocations: bounds", () => {
  let service: TestService;
  const post = (body: string) =>
    fetch(`${service.url}/v1/revocations`, { method: "POST", headers: { "content-type": "application/json" }, body });

  before(async () => {
    service = await startTestService({ CONVERSION_WORKERS: "1" });
  });
  after(() => service.close());

  // Regression: a 48 MiB body was parsed whole before the 10,000-item check (about a second of event loop, ~375 MB).
  test("a 40 MiB body of 10,000 items is 413 ERR_REQUEST_TOO_LARGE, refused before it is held", async (t) => {
    const item = `DC04${"A".repeat(4 * 1024 + 100)}`;
    const body = JSON.stringify({ documents: Array.from({ length: 10_000 }, () => item) });
    assert.ok(body.length > 40 * 1024 * 1024);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const rssBefore = process.memoryUsage().rss;
    delay.enable();
    const response = await post(body);
    delay.disable();
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as Problem).code, "ERR_REQUEST_TOO_LARGE");
    t.diagnostic(
      `RSS growth ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(1)} MiB (this process also sends the body: its 40 MiB encoding included); ` +
        `event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms`,
    );
  });

  test("a document item longer than a conversion takes is refused for itself; the others still count", async () => {
    const uvci = randomUvci();
    const response = await post(JSON.stringify({ documents: [`DC04${"A".repeat(17 * 1024)}`], uvcis: [uvci] }));
    assert.equal(response.status, 200);
    const { entries } = (await response.json()) as { entries: Array<{ index: number; source: string; uvci?: string; error?: unknown }> };
    assert.deepEqual(entries[0], { index: 0, source: "document", error: { code: "ERR_REQUEST_TOO_LARGE", status: 413 } });
    assert.equal(entries[1]!.uvci, uvci);
  });

  test(`past ${REVOCATION_MAX_CONCURRENT} requests in progress, a new one is 503 ERR_OVERLOADED with Retry-After before its body is read`, async () => {
    const body = JSON.stringify({ uvcis: [randomUvci()] });
    const admitted = await holdPastBound(
      REVOCATION_MAX_CONCURRENT,
      () => holdRequest(`${service.url}/v1/revocations`, body),
      "revocations",
    );
    for (const request of admitted) request.finish();
    for (const { response } of admitted) {
      const answer = await response;
      assert.equal(answer.statusCode, 200);
      assert.equal((JSON.parse((await bodyOf(answer)).toString("utf8")) as { entries: unknown[] }).entries.length, 1);
    }
    assert.equal((await post(body)).status, 200, "the slots are given back");
  });
});
