// The two HTTP paths answer alike (src/http/hot-path.ts): the same routes served by the hot path and by the
// express app alone, with the same deps, get the same headers, the same problem+json (or TousAntiCovid error) for
// each bad input, the same rate-limit buckets under a forged X-Forwarded-For, access lines of the same shape with
// no content, the same metrics labels, and `Connection: close` once draining. Byte for byte where nothing depends
// on the moment: each pair of requests carries the same x-request-id.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashApiKey } from "../../src/http/auth.js";
import { TAC_V1_PATH } from "../../src/http/tac-routes.js";
import { SPECIMEN } from "../support/own-documents.js";
import {
  assertDrainingAlike,
  assertSameAnswer,
  assertShellHeaders,
  claimThreeAddresses,
  pairSender,
  stableHeaders,
  startTwoPaths,
  type Answer,
  type TwoPaths,
} from "../support/two-paths.js";

const CONVERT_KEY = randomBytes(32).toString("base64url");
const ISSUE_KEY = randomBytes(32).toString("base64url");
const JSON_TYPE = { "content-type": "application/json" };

function apiKeysFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "dcc-parity-")), "api-keys.json");
  writeFileSync(
    file,
    JSON.stringify([
      { name: "converter", keyHash: hashApiKey(CONVERT_KEY), scopes: ["convert"] },
      { name: "meae", keyHash: hashApiKey(ISSUE_KEY), scopes: ["issue"] },
    ]),
  );
  return file;
}

const sender = pairSender("parity");
/** The same request on both paths, with the same request id. */
const both = (paths: TwoPaths, path: string, headers: Record<string, string>, body?: string | Buffer | readonly string[]) =>
  sender.both(paths, path, headers, body);

const codeOf = (answer: Answer) => JSON.parse(answer.body.toString("utf8")) as { code?: string; codeError?: string; field?: string };

describe("the hot path and the express app, with API keys", () => {
  let paths: TwoPaths;
  const convert = { ...JSON_TYPE, authorization: `Bearer ${CONVERT_KEY}` };
  before(async () => {
    paths = await startTwoPaths({ API_KEYS_FILE: apiKeysFile(), API_RATE_LIMIT_PER_MINUTE: "1000" });
  });
  after(() => paths.close());

  test("a conversion: the same headers (security headers, request id, cache, type) and the same answer's shape", async () => {
    const answers = await both(paths, "/v1/conversions", convert, JSON.stringify({ document: SPECIMEN.raw }));
    assert.equal(answers.hot.status, 200);
    assert.deepEqual(stableHeaders(answers.hot, ["content-length"]), stableHeaders(answers.express, ["content-length"]));
    assertShellHeaders(answers.hot);
    const [hot, express] = [answers.hot, answers.express].map((a) => JSON.parse(a.body.toString("utf8")) as Record<string, string>);
    assert.deepEqual(Object.keys(hot!), Object.keys(express!));
    assert.match(hot!["dcc"]!, /^HC1:/);
  });

  const big = JSON.stringify({ document: "x".repeat(17 * 1024) });
  const refusals: ReadonlyArray<readonly [string, Record<string, string>, string | Buffer | readonly string[], number, string, string?]> = [
    ["no key", JSON_TYPE, "{}", 401, "ERR_AUTH_MISSING"],
    ["a wrong key", { ...JSON_TYPE, authorization: `Bearer ${randomBytes(32).toString("base64url")}` }, "{}", 401, "ERR_AUTH_INVALID"],
    ["a key without the scope", { ...JSON_TYPE, authorization: `Bearer ${ISSUE_KEY}` }, "{}", 403, "ERR_AUTH_SCOPE"],
    ["text/plain", { ...convert, "content-type": "text/plain" }, "{}", 415, "ERR_REQUEST_CONTENT_TYPE"],
    ["no content type", { authorization: convert.authorization }, "{}", 415, "ERR_REQUEST_CONTENT_TYPE"],
    ["a malformed media type", { ...convert, "content-type": "application json" }, "{}", 415, "ERR_REQUEST_CONTENT_TYPE"],
    [
      "a charset that is not UTF",
      { ...convert, "content-type": "application/json; charset=latin1" },
      "{}",
      415,
      "ERR_REQUEST_CONTENT_TYPE",
    ],
    ["an unknown content encoding", { ...convert, "content-encoding": "compress" }, "{}", 415, "ERR_REQUEST_CONTENT_TYPE"],
    ["a declared length above 16 KiB", convert, big, 413, "ERR_REQUEST_TOO_LARGE"],
    ["16 KiB exceeded in chunks", convert, [big.slice(0, 9000), big.slice(9000)], 413, "ERR_REQUEST_TOO_LARGE"],
    ["truncated JSON", convert, '{"document":', 400, "ERR_REQUEST_MALFORMED"],
    ["a JSON string", convert, '"DC04"', 400, "ERR_REQUEST_MALFORMED"],
    ["an empty body", convert, "", 400, "ERR_REQUEST_MALFORMED", "document"],
    ["no document", convert, "{}", 400, "ERR_REQUEST_MALFORMED", "document"],
    ["a number for document", convert, '{"document":5}', 400, "ERR_REQUEST_MALFORMED", "document"],
    ["no document, gzip-compressed", { ...convert, "content-encoding": "gzip" }, gzipSync("{}"), 400, "ERR_REQUEST_MALFORMED", "document"],
    ["not a 2D-DOC", convert, '{"document":"hello"}', 400, "ERR_2DDOC_MARKER"],
    ["an image nobody makes", { ...convert, accept: "text/html" }, JSON.stringify({ document: SPECIMEN.raw }), 406, "ERR_NOT_ACCEPTABLE"],
  ];
  for (const [label, headers, body, status, code, field] of refusals) {
    test(`POST /v1/conversions, ${label}: ${status} ${code} on both paths, the same answer`, async () => {
      const answers = await both(paths, "/v1/conversions", headers, body);
      assert.equal(answers.hot.status, status);
      assert.equal(codeOf(answers.hot).code, code);
      assert.equal(codeOf(answers.hot).field, field);
      assertSameAnswer(answers, label);
    });
  }

  const tacRefusals: ReadonlyArray<readonly [string, Record<string, string>, string, number]> = [
    ["text/plain", { "content-type": "text/plain" }, "{}", 415],
    ["truncated JSON", JSON_TYPE, '{"chainEncoded":', 400],
    ["no fields", JSON_TYPE, "{}", 400],
    ["a declared length above 16 KiB", JSON_TYPE, big, 413],
  ];
  for (const [label, headers, body, status] of tacRefusals) {
    test(`TousAntiCovid v1, ${label}: ${status} in the app's format on both paths, the same answer`, async () => {
      const answers = await both(paths, TAC_V1_PATH, headers, body);
      assert.equal(answers.hot.status, status);
      assert.deepEqual(Object.keys(codeOf(answers.hot)).sort(), ["codeError", "msgError"]);
      assertSameAnswer(answers, label);
    });
  }

  test("the access lines: the same fields and values on both paths (duration aside), no content", () => {
    const lines = (logs: string[]) =>
      logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line["msg"] === "request")
        .map(({ time: _t, pid: _p, hostname: _h, durationMs, ...rest }): Record<string, unknown> => ({
          ...rest,
          durationMs: typeof durationMs,
        }));
    const hot = lines(paths.hot.logs);
    assert.equal(hot.length, sender.count());
    assert.deepEqual(hot, lines(paths.express.logs));
    const conversion = hot.find((line) => line["status"] === 200)!;
    assert.deepEqual(Object.keys(conversion).sort(), [
      "code",
      "documentType",
      "durationMs",
      "level",
      "method",
      "msg",
      "requestId",
      "route",
      "service",
      "status",
    ]);
    assert.equal(conversion["route"], "/v1/conversions");
    const text = [...paths.hot.logs, ...paths.express.logs].join("\n");
    for (const value of [...Object.values(SPECIMEN.fields), "HC1:", SPECIMEN.raw.slice(0, 40), CONVERT_KEY])
      assert.ok(!text.includes(value), "no content in the logs");
  });

  test("the metrics: the same label sets and counts on both paths", async () => {
    const series = async (path: TwoPaths["hot"], name: string) => {
      const metric = (await path.metrics.registry.getSingleMetric(name)?.get())!;
      return metric.values.map(({ labels, value }) => JSON.stringify({ labels, value })).sort();
    };
    for (const name of ["dcc_http_requests_total", "dcc_conversions_total", "dcc_tac_requests_total", "dcc_overload_refusals_total"]) {
      const hot = await series(paths.hot, name);
      assert.ok(hot.length > 0, name);
      assert.deepEqual(hot, await series(paths.express, name), name);
    }
    const requests = await series(paths.hot, "dcc_http_requests_total");
    assert.ok(requests.some((s) => s.includes('"route":"/v1/conversions"') && s.includes('"client":"converter"')));
    assert.ok(requests.some((s) => s.includes(`"route":"${TAC_V1_PATH}"`)));
  });

  test("draining: both paths answer with Connection: close", async () => {
    paths.startDraining();
    assertDrainingAlike(await both(paths, "/v1/conversions", convert, "{}"), 400);
  });
});

describe("the rate-limit buckets of both paths under a forged X-Forwarded-For", () => {
  for (const [trust, forgedGetsOwnBucket] of [
    ["", false],
    ["1", true],
  ] as const) {
    describe(trust === "" ? "without TRUST_PROXY" : "with TRUST_PROXY=1", () => {
      let paths: TwoPaths;
      before(async () => {
        paths = await startTwoPaths({ TAC_RATE_LIMIT_PER_MINUTE: "2", API_RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: trust });
      });
      after(() => paths.close());

      for (const [route, limited] of [
        ["/v1/conversions", "ERR_RATE_LIMITED"],
        [TAC_V1_PATH, "TOO_MANY_REQUESTS"],
      ] as const) {
        test(`${route}: three addresses claimed, ${forgedGetsOwnBucket ? "three buckets" : "one bucket: the third is refused"}, alike`, async () => {
          const { statuses, last } = await claimThreeAddresses((headers) => both(paths, route, headers, "{}"));
          assert.deepEqual(statuses, forgedGetsOwnBucket ? [400, 400, 400] : [400, 400, 429]);
          if (!forgedGetsOwnBucket) {
            const body = codeOf(last.hot);
            assert.equal(body.code ?? body.codeError, limited);
            assert.ok(last.hot.headers.some(([name, value]) => name === "retry-after" && Number(value) >= 1));
          }
        });
      }
    });
  }
});
