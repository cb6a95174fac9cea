// Regression: "quadratic trim" over the real service — a 16 KiB document of `x`, 16,300 spaces and `x` once
// held a conversion worker for ~300 ms (the trim regex retried from every inner space). Every public entry
// (single conversion, TousAntiCovid v1, a batch line) now refuses it exactly as it refuses a plain input of
// the same size, and no regular expression of the whole request path (HTTP layer included) runs on more
// than a decoded 2D-DOC's bound. Structure, not speed: bench/adversarial-input.ts measures the time.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MAX_DOCUMENT_LENGTH } from "../../src/twoddoc/normalise.js";
import { ADVERSARIAL_INPUTS, PLAIN_OVERSIZE_INPUT } from "../support/adversarial-inputs.js";
import { startTestService, type TestService } from "../support/service.js";

const ADVERSARIAL = ADVERSARIAL_INPUTS["x, 16,300 spaces, x"]!.input;

describe("quadratic trim over real HTTP (conversion stages on the main thread, watched)", () => {
  let service: TestService;
  let longestRegexSubject = 0;
  const exec = RegExp.prototype.exec;
  before(async () => {
    service = await startTestService({ CONVERSION_WORKERS: "0" });
    RegExp.prototype.exec = function watched(this: RegExp, subject: string) {
      longestRegexSubject = Math.max(longestRegexSubject, String(subject).length);
      return exec.call(this, subject);
    };
  });
  after(async () => {
    RegExp.prototype.exec = exec;
    await service.close();
  });

  const post = async (path: string, body: string, contentType = "application/json") => {
    const response = await fetch(`${service.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
    return { status: response.status, body: await response.text() };
  };
  const single = (document: string) => post("/v1/conversions", JSON.stringify({ document }));
  const tac = (chainEncoded: string) =>
    post("/api/client/convertor/decode/decodeDocument", JSON.stringify({ chainEncoded, source: "DEUX_D_DOC", destination: "DGCA" }));
  const batch = (document: string) => post("/v1/conversions/batch", `${JSON.stringify({ id: "1", document })}\n`, "application/x-ndjson");

  test("POST /v1/conversions: 400 ERR_2DDOC_TOO_LONG, as for the plain input", async () => {
    for (const document of [ADVERSARIAL, PLAIN_OVERSIZE_INPUT]) {
      const answer = await single(document);
      assert.equal(answer.status, 400, answer.body);
      assert.equal((JSON.parse(answer.body) as { code: string }).code, "ERR_2DDOC_TOO_LONG");
    }
  });

  test("TousAntiCovid v1: 400 UNREADABLE_DOCUMENT for both, the same answer", async () => {
    const [adversarial, plain] = [await tac(ADVERSARIAL), await tac(PLAIN_OVERSIZE_INPUT)];
    assert.equal(adversarial.status, 400);
    assert.equal((JSON.parse(adversarial.body) as { codeError: string }).codeError, "UNREADABLE_DOCUMENT");
    assert.deepEqual(JSON.parse(adversarial.body), JSON.parse(plain.body));
  });

  test("batch: the same per-line error for both", async () => {
    const [adversarial, plain] = [await batch(ADVERSARIAL), await batch(PLAIN_OVERSIZE_INPUT)];
    assert.deepEqual(JSON.parse(adversarial.body), { line: 1, id: "1", error: { code: "ERR_2DDOC_TOO_LONG", status: 400 } });
    assert.equal(adversarial.body, plain.body);
  });

  test(`no regular expression of these requests ran on more than ${MAX_DOCUMENT_LENGTH} characters`, () => {
    assert.ok(longestRegexSubject > 0, "the watch saw the request path's regular expressions (the check could fail)");
    assert.ok(longestRegexSubject <= MAX_DOCUMENT_LENGTH, `a regex ran on ${longestRegexSubject} characters`);
  });
});
