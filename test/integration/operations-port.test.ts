// The operations listener (docs/operations.md "Operations port") on the real service and SoftHSM vault:
// /readyz and /metrics are not public (404 problem+json on the public port) and answer on OPS_PORT;
// a readiness verdict is a real PKCS#11 signature, reused for READINESS_CACHE_SECONDS and shared by
// concurrent probes — counted by dcc_readiness_probes_total, which moves once per real signature.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startTestService, type TestService } from "../support/service.js";

async function probesSigned(service: TestService): Promise<number> {
  const text = await (await fetch(`${service.opsUrl}/metrics`)).text();
  return Number(/^dcc_readiness_probes_total\{outcome="ready"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

async function readyStatuses(service: TestService, count: number): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, () => fetch(`${service.opsUrl}/readyz`)));
  return Promise.all(answers.map(async (r) => (await r.arrayBuffer(), r.status)));
}

describe("operations port", () => {
  let service: TestService;
  before(async () => {
    service = await startTestService({ READINESS_CACHE_SECONDS: "600", CONVERSION_WORKERS: "0" });
  });
  after(() => service.close());

  test("the public port answers /readyz and /metrics with 404 problem+json; /healthz stays", async () => {
    assert.notEqual(new URL(service.url).port, new URL(service.opsUrl).port);
    for (const path of ["/readyz", "/metrics"]) {
      const response = await fetch(`${service.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get("content-type"), "application/problem+json; charset=utf-8", path);
      assert.equal(((await response.json()) as { code: string }).code, "ERR_NOT_FOUND", path);
    }
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
  });

  test("the operations port serves /healthz, /readyz and /metrics, and nothing public", async () => {
    assert.equal((await fetch(`${service.opsUrl}/healthz`)).status, 200);
    const ready = await fetch(`${service.opsUrl}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { status: string }).status, "ready");
    const metrics = await fetch(`${service.opsUrl}/metrics`);
    assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain/);
    assert.match(await metrics.text(), /^dcc_hsm_available 1$/m);
    const signers = await fetch(`${service.opsUrl}/v1/signers`);
    assert.equal(signers.status, 404);
    assert.equal(((await signers.json()) as { code: string }).code, "ERR_NOT_FOUND");
  });

  test("readiness within the cache window costs no new signature, even for concurrent probes", async () => {
    assert.equal(await probesSigned(service), 1, "the earlier /readyz signed once");
    assert.deepEqual(await readyStatuses(service, 1), [200]);
    assert.deepEqual(await readyStatuses(service, 8), Array(8).fill(200));
    assert.equal(await probesSigned(service), 1);
  });
});

describe("operations port without a readiness cache", () => {
  let service: TestService;
  before(async () => {
    service = await startTestService({ READINESS_CACHE_SECONDS: "0", CONVERSION_WORKERS: "0" });
  });
  after(() => service.close());

  test("each sequential /readyz signs through the HSM; concurrent ones never sign more than once each", async () => {
    assert.equal(await probesSigned(service), 0);
    assert.deepEqual(await readyStatuses(service, 1), [200]);
    assert.deepEqual(await readyStatuses(service, 1), [200]);
    assert.equal(await probesSigned(service), 2);
    assert.deepEqual(await readyStatuses(service, 8), Array(8).fill(200));
    // A probe that meets a check in flight shares it; whether 8 probes meet one depends on how fast the token signs
    // (the sharing itself: test/unit/ops/readiness.test.ts). Here: at least one new signature, at most one each.
    const signed = await probesSigned(service);
    assert.ok(signed > 2 && signed <= 2 + 8, `${signed} signatures`);
  });
});
