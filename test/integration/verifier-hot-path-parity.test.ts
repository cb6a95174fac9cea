// The verifier's two HTTP paths answer alike (src/http/hot-path.ts, src/verifier/app.ts): POST /v1/verifications served
// by the hot path and by the express app alone, with the same sources and verification workers, gets the same headers,
// the same verdict, the same problem+json for each bad input, the same rate-limit buckets under a forged
// X-Forwarded-For, access and usage lines of the same shape with no content, the same metrics labels, and
// `Connection: close` once draining. Byte for byte: each pair of requests carries the same x-request-id, and each
// verification names its validation time.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashApiKey } from "../../src/http/auth.js";
import type { VerifierMetrics } from "../../src/metrics.js";
import { SPECIMEN } from "../support/own-documents.js";
import {
  assertDrainingAlike,
  assertSameAnswer,
  assertShellHeaders,
  claimThreeAddresses,
  pairSender,
  startVerifierTwoPaths,
  type Answer,
  type TwoPaths,
} from "../support/two-paths.js";

const VERIFY_KEY = randomBytes(32).toString("base64url");
const CONVERT_KEY = randomBytes(32).toString("base64url");
const JSON_TYPE = { "content-type": "application/json" };
const PATH = "/v1/verifications";
const AT_2021 = "2021-07-01T12:00:00Z";

function apiKeysFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "dcc-verifier-parity-")), "api-keys.json");
  writeFileSync(
    file,
    JSON.stringify([
      { name: "border-app", keyHash: hashApiKey(VERIFY_KEY), scopes: ["verify"] },
      { name: "converter", keyHash: hashApiKey(CONVERT_KEY), scopes: ["convert"] },
    ]),
  );
  return file;
}

type Paths = TwoPaths<VerifierMetrics>;

const sender = pairSender<VerifierMetrics>("verifier-parity");
/** The same request on both paths, with the same request id. */
const both = (paths: Paths, headers: Record<string, string>, body?: string | Buffer | readonly string[]) =>
  sender.both(paths, PATH, headers, body);

const jsonOf = (answer: Answer) => JSON.parse(answer.body.toString("utf8")) as Record<string, unknown>;

describe("the verifier's hot path and its express app, with API keys", () => {
  let paths: Paths;
  const verify = { ...JSON_TYPE, authorization: `Bearer ${VERIFY_KEY}` };
  before(async () => {
    paths = await startVerifierTwoPaths({ API_KEYS_FILE: apiKeysFile(), API_RATE_LIMIT_PER_MINUTE: "1000" });
  });
  after(() => paths.close());

  for (const detail of ["lite", "full"] as const) {
    test(`a verification (${detail}): the same headers and the same verdict, byte for byte`, async () => {
      const answers = await both(paths, verify, JSON.stringify({ barcode: SPECIMEN.raw, detail, validationTime: AT_2021 }));
      assert.equal(answers.hot.status, 200);
      assertSameAnswer(answers, detail);
      assertShellHeaders(answers.hot, ["cache-control"]);
      const verdict = jsonOf(answers.hot);
      assert.deepEqual(
        [verdict["decision"], verdict["format"], verdict["validationTime"]],
        ["valid", "2d-doc", new Date(AT_2021).toISOString()],
      );
      assert.equal("certificate" in verdict, detail === "full");
    });
  }

  const big = JSON.stringify({ barcode: "x".repeat(17 * 1024) });
  const withBarcode = (extra: Record<string, unknown>) => JSON.stringify({ barcode: SPECIMEN.raw, ...extra });
  const refusals: ReadonlyArray<readonly [string, Record<string, string>, string | Buffer | readonly string[], number, string, string?]> = [
    ["no key", JSON_TYPE, "{}", 401, "ERR_AUTH_MISSING"],
    ["a wrong key", { ...JSON_TYPE, authorization: `Bearer ${randomBytes(32).toString("base64url")}` }, "{}", 401, "ERR_AUTH_INVALID"],
    ["a key without the scope", { ...JSON_TYPE, authorization: `Bearer ${CONVERT_KEY}` }, "{}", 403, "ERR_AUTH_SCOPE"],
    ["text/plain", { ...verify, "content-type": "text/plain" }, "{}", 415, "ERR_REQUEST_CONTENT_TYPE"],
    ["an unknown content encoding", { ...verify, "content-encoding": "compress" }, "{}", 415, "ERR_REQUEST_CONTENT_TYPE"],
    ["a declared length above 16 KiB", verify, big, 413, "ERR_REQUEST_TOO_LARGE"],
    ["16 KiB exceeded in chunks", verify, [big.slice(0, 9000), big.slice(9000)], 413, "ERR_REQUEST_TOO_LARGE"],
    ["truncated JSON", verify, '{"barcode":', 400, "ERR_REQUEST_MALFORMED"],
    ["a JSON string", verify, '"DC04"', 400, "ERR_REQUEST_MALFORMED"],
    ["an empty body", verify, "", 400, "ERR_REQUEST_MALFORMED", "barcode"],
    ["no barcode, gzip-compressed", { ...verify, "content-encoding": "gzip" }, gzipSync("{}"), 400, "ERR_REQUEST_MALFORMED", "barcode"],
    ["an unknown field", verify, withBarcode({ holder: "x" }), 400, "ERR_REQUEST_MALFORMED", "body"],
    ["a malformed rule set name", verify, withBarcode({ ruleSet: "../activity" }), 400, "ERR_RULE_SET_UNKNOWN", "ruleSet"],
    ["an unknown detail", verify, withBarcode({ detail: "all" }), 400, "ERR_REQUEST_MALFORMED", "detail"],
    [
      "a validation time without offset",
      verify,
      withBarcode({ validationTime: "2021-07-01T12:00:00" }),
      400,
      "ERR_VALIDATION_TIME",
      "validationTime",
    ],
    ["an undecodable HC1", verify, JSON.stringify({ barcode: "HC1:6BFOXN*TS0BI$ZD" }), 400, "ERR_BARCODE_UNDECODABLE", "zlib"],
    ["a 2D-DOC without its header", verify, JSON.stringify({ barcode: "DC04NOTADOCUMENT" }), 400, "ERR_2DDOC_HEADER", "header"],
  ];
  for (const [label, headers, body, status, code, field] of refusals) {
    test(`POST /v1/verifications, ${label}: ${status} ${code} on both paths, the same answer`, async () => {
      const answers = await both(paths, headers, body);
      assert.equal(answers.hot.status, status);
      const problem = jsonOf(answers.hot);
      assert.equal(problem["code"], code);
      assert.equal(problem["field"], field);
      assertSameAnswer(answers, label);
    });
  }

  const lines = (logs: string[], msg: string) =>
    logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line["msg"] === msg)
      .map(({ time: _t, pid: _p, hostname: _h, durationMs, ...rest }): Record<string, unknown> => ({
        ...rest,
        durationMs: typeof durationMs,
      }));

  test("the access and usage lines: the same fields and values on both paths (duration aside), no content", () => {
    const access = lines(paths.hot.logs, "request");
    assert.equal(access.length, sender.count());
    assert.deepEqual(access, lines(paths.express.logs, "request"));
    const verified = access.find((line) => line["status"] === 200)!;
    assert.deepEqual([verified["route"], verified["code"], verified["documentType"]], [PATH, "OK", "2d-doc"]);
    const usage = lines(paths.hot.logs, "verification");
    assert.equal(usage.length, 2);
    assert.deepEqual(usage, lines(paths.express.logs, "verification"));
    assert.equal(usage[0]!["channel"], "border-app");
    const text = [...paths.hot.logs, ...paths.express.logs].join("\n");
    for (const value of [...Object.values(SPECIMEN.fields), SPECIMEN.raw.slice(0, 40), VERIFY_KEY])
      assert.ok(!text.includes(value), "no content in the logs");
  });

  test("the metrics: the same label sets and counts on both paths", async () => {
    const series = async (metrics: VerifierMetrics, name: string) => {
      const metric = (await metrics.registry.getSingleMetric(name)?.get())!;
      return metric.values.map(({ labels, value }) => JSON.stringify({ labels, value })).sort();
    };
    for (const name of ["dcc_http_requests_total", "dcc_verifications_total"]) {
      const hot = await series(paths.hot.metrics, name);
      assert.ok(hot.length > 0, name);
      assert.deepEqual(hot, await series(paths.express.metrics, name), name);
    }
    const requests = await series(paths.hot.metrics, "dcc_http_requests_total");
    assert.ok(requests.some((s) => s.includes(`"route":"${PATH}"`) && s.includes('"client":"border-app"')));
  });

  test("draining: both paths answer with Connection: close", async () => {
    paths.startDraining();
    assertDrainingAlike(await both(paths, verify, "{}"), 400);
  });
});

describe("the verifier's rate-limit buckets on both paths under a forged X-Forwarded-For", () => {
  for (const [trust, forgedGetsOwnBucket] of [
    ["", false],
    ["1", true],
  ] as const) {
    test(
      trust === "" ? "without TRUST_PROXY: one bucket, the third is refused, alike" : "with TRUST_PROXY=1: three buckets, alike",
      async () => {
        const paths = await startVerifierTwoPaths({ API_RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: trust });
        try {
          const { statuses, last } = await claimThreeAddresses((headers) => both(paths, headers, "{}"));
          assert.deepEqual(statuses, forgedGetsOwnBucket ? [400, 400, 400] : [400, 400, 429]);
          if (!forgedGetsOwnBucket) {
            assert.equal(jsonOf(last.hot)["code"], "ERR_RATE_LIMITED");
            assert.ok(last.hot.headers.some(([name, value]) => name === "retry-after" && Number(value) >= 1));
          }
        } finally {
          await paths.close();
        }
      },
    );
  }
});
