// POST /v1/revocations under a careless or hostile client, on the real service (SoftHSM, HTTP on an ephemeral port):
// a 40 MiB body of 10,000 items is 413 before it is held (the memory growth and event-loop delay of that request are
// reported, not asserted as timings); a document item longer than a conversion takes is refused for its item alone;
// past two revocation requests in progress a third is 503 ERR_OVERLOADED with Retry-After before its body is read.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request, type ClientRequest, type IncomingMessage } from "node:http";
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { randomUvci } from "../../src/dcc/uvci.js";
import { REVOCATION_MAX_CONCURRENT } from "../../src/http/revocations-routes.js";
import { startTestService, type TestService } from "../support/service.js";

interface Problem { code: string; field?: string }

/** A request whose headers are sent and whose body is not finished: it holds its place until `end`. */
function openRequest(url: string, body: string): { req: ClientRequest; response: Promise<IncomingMessage> } {
  const req = request(`${url}/v1/revocations`, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } });
  const response = new Promise<IncomingMessage>((resolve, reject) => req.once("response", resolve).once("error", reject));
  req.flushHeaders();
  req.write(body.slice(0, 10));
  return { req, response };
}

async function readJson(response: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of response) text += String(chunk);
  return JSON.parse(text) as unknown;
}

describe("POST /v1/revocations: bounds", () => {
  let service: TestService;
  const post = (body: string) => fetch(`${service.url}/v1/revocations`, { method: "POST", headers: { "content-type": "application/json" }, body });

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
    t.diagnostic(`RSS growth ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(1)} MiB (this process also sends the body: its 40 MiB encoding included); ` +
      `event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms`);
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
    const held = Array.from({ length: REVOCATION_MAX_CONCURRENT }, () => openRequest(service.url, body));
    // The held requests have taken their slots once the server has their headers: a request sent after them is
    // refused as soon as its own headers are read. Retried until the held ones are seen (their headers in flight).
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 50 && refused === undefined; attempt += 1) {
      const response = await post(`{"uvcis": ["${randomBytes(4).toString("hex")}"]}`);
      if (response.status === 503) refused = response;
      else await response.arrayBuffer();
    }
    assert.ok(refused !== undefined, "a third request was refused");
    assert.equal(refused.headers.get("retry-after"), "5");
    const problem = (await refused.json()) as Problem;
    assert.deepEqual([problem.code, problem.field], ["ERR_OVERLOADED", "revocations"]);
    for (const { req } of held) req.end(body.slice(10));
    for (const { response } of held) {
      const answer = await response;
      assert.equal(answer.statusCode, 200);
      assert.equal(((await readJson(answer)) as { entries: unknown[] }).entries.length, 1);
    }
    assert.equal((await post(body)).status, 200, "the slots are given back");
  });
});
