// Regression: "unknown field identifier is not echoed" — a 2D-DOC whose message holds an identifier outside
// the field dictionary (`ZQ`: it could be two letters of a name, read where a DI should be) was answered
// with `"field": "ZQ"`. Over the real service: the exact code, a field from the fixed vocabulary, and `ZQ`
// nowhere in any answer or log line.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startTestService, type TestService } from "../support/service.js";
import { header04, makeTestSigner, sign2DDoc } from "../support/twoddoc-fixtures.js";

// A B2 message with `ZQ` where the DI after F3 should be (invented specimen identity).
const DOCUMENT = sign2DDoc(`${header04()}F0MARIE\x1dF1SPECIMEN\x1dF201011970F3FZQ945006\x1dF5NF6010620211030`, makeTestSigner().privateKey);

describe("unknown field identifier is not echoed (real HTTP, real SoftHSM)", () => {
  let service: TestService;
  before(async () => {
    service = await startTestService();
  });
  after(() => service.close());

  test('POST /v1/conversions: 400 ERR_2DDOC_FIELD with field "message", no ZQ in the body', async () => {
    const response = await fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: DOCUMENT }),
    });
    const body = await response.text();
    assert.equal(response.status, 400, body);
    const problem = JSON.parse(body) as { code: string; field?: string };
    assert.equal(problem.code, "ERR_2DDOC_FIELD");
    assert.equal(problem.field, "message");
    assert.ok(!body.includes("ZQ"), body);
  });

  test("TousAntiCovid v1: UNREADABLE_DOCUMENT, no ZQ in the body", async () => {
    const response = await fetch(`${service.url}/api/client/convertor/decode/decodeDocument`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chainEncoded: DOCUMENT, source: "DEUX_D_DOC", destination: "DGCA" }),
    });
    const body = await response.text();
    assert.equal(response.status, 400, body);
    assert.equal((JSON.parse(body) as { codeError: string }).codeError, "UNREADABLE_DOCUMENT");
    assert.ok(!body.includes("ZQ"), body);
  });

  test("batch: the line's error is ERR_2DDOC_FIELD, no ZQ in the answer", async () => {
    const response = await fetch(`${service.url}/v1/conversions/batch`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: `${JSON.stringify({ id: "a1", document: DOCUMENT })}\n`,
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.deepEqual(JSON.parse(body.trim()), { line: 1, id: "a1", error: { code: "ERR_2DDOC_FIELD", status: 400 } });
    assert.ok(!body.includes("ZQ"), body);
  });

  test("no log line of these requests carries ZQ", () => {
    assert.ok(
      service.logs.some((line) => line.includes("ERR_2DDOC_FIELD")),
      "the refusals were logged (the check below could fail)",
    );
    assert.deepEqual(
      service.logs.filter((line) => line.includes("ZQ")),
      [],
    );
  });
});
