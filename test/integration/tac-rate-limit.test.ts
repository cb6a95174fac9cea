// The public TousAntiCovid endpoints are rate-limited per client address (429 + Retry-After,
// codeError TOO_MANY_REQUESTS), and that limit never blocks the native API's clients.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startTestService, type TestService } from "../support/service.js";
import { SPECIMEN } from "../support/own-documents.js";
import { KEYS_PATH, convertV1, convertV2, newClientKey } from "../support/tac-client.js";

const LIMIT = 3;

describe("TousAntiCovid rate limit over real HTTP", () => {
  let service: TestService;

  before(async () => {
    service = await startTestService({ TAC_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  after(() => service.close());

  test(`after ${LIMIT} requests a minute, v1, v2 and the key list answer 429 TOO_MANY_REQUESTS with Retry-After`, async () => {
    const raw = SPECIMEN.raw;
    const keysResponse = await fetch(`${service.url}${KEYS_PATH}`);
    assert.equal(keysResponse.status, 200);
    const serverSpki = ((await keysResponse.json()) as Record<string, string>)["dev01"]!;
    for (let i = 1; i < LIMIT; i++) assert.equal((await convertV1(service.url, raw)).status, 200);

    const limited = await convertV1(service.url, raw);
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.match(limited.contentType, /^application\/json/);
    assert.equal((JSON.parse(limited.text) as { codeError: string }).codeError, "TOO_MANY_REQUESTS");

    const encrypted = await convertV2(service.url, raw, { alias: "dev01", serverSpki, client: newClientKey() });
    assert.equal(encrypted.status, 429);
    assert.equal((JSON.parse(encrypted.text) as { codeError: string }).codeError, "TOO_MANY_REQUESTS");
    const keys = await fetch(`${service.url}${KEYS_PATH}`);
    assert.equal(keys.status, 429);
    assert.equal(((await keys.json()) as { codeError: string }).codeError, "TOO_MANY_REQUESTS");
  });

  test("the native API's clients are not blocked by the TousAntiCovid limit", async () => {
    const raw = SPECIMEN.raw;
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await fetch(`${service.url}/v1/conversions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ document: raw }),
      });
      assert.equal(response.status, 200);
    }
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /dcc_tac_requests_total\{version="v1",outcome="ERR_RATE_LIMITED"\} 1/);
    assert.match(metrics, /dcc_tac_requests_total\{version="v2",outcome="ERR_RATE_LIMITED"\} 1/);
  });
});
