// Which client a rate limit counts (docs/operations.md "Client addresses"), on the real service: a forged
// X-Forwarded-For never buys another bucket; TRUST_PROXY believes exactly its hops or its listed proxies;
// IPv6 clients are bucketed per /64. Probed on the TousAntiCovid key list (rate-limited per address, no
// signature) and on the open native API; the client sends the header itself, as an attacker would.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startTestService, type TestService } from "../support/service.js";
import { KEYS_PATH } from "../support/tac-client.js";
import { productionEnv } from "../support/production-env.js";

const LIMIT = 2;

async function keysStatus(service: TestService, forwardedFor?: string): Promise<number> {
  const response = await fetch(`${service.url}${KEYS_PATH}`, {
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Statuses of one request per header value, in order. */
async function statuses(service: TestService, headers: readonly (string | undefined)[]): Promise<number[]> {
  const out: number[] = [];
  for (const header of headers) out.push(await keysStatus(service, header));
  return out;
}

function withService(env: Record<string, string>, body: (service: () => TestService) => void): void {
  let service: TestService;
  before(async () => {
    service = await startTestService({ TAC_RATE_LIMIT_PER_MINUTE: String(LIMIT), CONVERSION_WORKERS: "0", ...env });
  });
  after(() => service.close());
  body(() => service);
}

describe("without TRUST_PROXY, in production", () => {
  withService(productionEnv().env, (service) => {
    test("forged X-Forwarded-For never changes the TousAntiCovid bucket: the socket peer is the client", async () => {
      assert.deepEqual(
        await statuses(service(), ["198.51.100.1", "198.51.100.2", "198.51.100.3", "2001:db8::1", undefined]),
        [200, 200, 429, 429, 429],
      );
    });
  });
});

describe("without TRUST_PROXY, the native API open (development)", () => {
  withService({ API_RATE_LIMIT_PER_MINUTE: String(LIMIT) }, (service) => {
    test("forged X-Forwarded-For never changes the native API bucket either", async () => {
      const post = (forwardedFor: string) =>
        fetch(`${service().url}/v1/conversions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
          body: "{}",
        }).then(async (r) => (await r.arrayBuffer(), r.status));
      // 400: the body is refused after the limit has counted the request.
      assert.deepEqual([await post("198.51.100.4"), await post("198.51.100.5"), await post("198.51.100.6")], [400, 400, 429]);
    });
  });
});

describe("TRUST_PROXY=1 (one proxy in front, e.g. an ingress)", () => {
  withService({ TRUST_PROXY: "1" }, (service) => {
    test("forged left-most X-Forwarded-For entry does not change the bucket: only the proxy's own entry is believed", async () => {
      assert.deepEqual(
        await statuses(service(), ["203.0.113.1, 198.51.100.7", "203.0.113.2, 198.51.100.7", "203.0.113.3,198.51.100.7"]),
        [200, 200, 429],
      );
      assert.equal(await keysStatus(service(), "203.0.113.1, 198.51.100.8"), 200, "the entry the proxy wrote names another client");
    });

    test("forged X-Forwarded-For: IPv6 addresses of one /64 share a bucket; an IPv4-mapped address is its IPv4 address", async () => {
      assert.deepEqual(
        await statuses(service(), ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2:aaaa:bbbb:cccc:dddd"]),
        [200, 200, 429],
      );
      assert.equal(await keysStatus(service(), "2001:db8:1:3::1"), 200, "the next /64 is another subscriber");
      assert.deepEqual(await statuses(service(), ["192.0.2.77", "::ffff:192.0.2.77"]), [200, 200]);
      assert.equal(await keysStatus(service(), "::ffff:c000:24d"), 429, "192.0.2.77 spelt as mapped IPv6");
    });
  });
});

describe("TRUST_PROXY as a list of proxies", () => {
  withService({ TRUST_PROXY: "127.0.0.1/32, 10.0.0.0/8" }, (service) => {
    test("forged X-Forwarded-For behind listed proxies: every listed proxy is skipped, the first other address is the client", async () => {
      assert.deepEqual(
        await statuses(service(), ["198.51.100.1, 192.0.2.50, 10.1.2.3", "198.51.100.2, 192.0.2.50, 10.9.9.9", "192.0.2.50"]),
        [200, 200, 429],
      );
    });

    test("forged X-Forwarded-For: an address that is not a listed proxy is the client, not skipped", async () => {
      // 172.16.0.9 is not listed: whatever it claims (192.0.2.60) is not believed.
      assert.deepEqual(
        await statuses(service(), ["192.0.2.60, 172.16.0.9", "192.0.2.61, 172.16.0.9", "192.0.2.62, 172.16.0.9"]),
        [200, 200, 429],
      );
      assert.equal(await keysStatus(service(), "192.0.2.60"), 200, "192.0.2.60 itself still has its own bucket");
    });
  });
});
