// The API description stays in step with the code: every error code with its status, every TousAntiCovid
// codeError; the answer checker used by the integration tests refuses what the document does not say.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ERROR_MESSAGES } from "../../../src/errors.js";
import { HTTP_STATUS } from "../../../src/errors.js";
import { TAC_ERRORS } from "../../../src/tac/error-codes.js";
import { loadOpenApi } from "../../../src/http/openapi/document.js";
import { renderDocs } from "../../../src/http/openapi/render-docs.js";
import { checkExchange, type Exchange } from "../../support/openapi-validator.js";

const { document } = loadOpenApi();
const schemas = document.components.schemas as Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;

test("the document lists every error code, each under the status of src/http/problem.ts, and every codeError", () => {
  assert.deepEqual([...(schemas["ErrorCode"]?.enum ?? [])].sort(), Object.keys(ERROR_MESSAGES).sort());
  for (const [name, response] of Object.entries(document.components.responses)) {
    const status = /^Problem(\d{3})$/.exec(name)?.[1];
    if (status === undefined) continue;
    const schema = response.content?.["application/problem+json"]?.schema as {
      allOf: Array<{ properties?: { code?: { enum: string[] } } }>;
    };
    const expected = Object.entries(HTTP_STATUS)
      .filter(([, s]) => s === Number(status))
      .map(([code]) => code)
      .sort();
    assert.deepEqual([...(schema.allOf[1]?.properties?.code?.enum ?? [])].sort(), expected, name);
  }
  assert.deepEqual(schemas["TacError"]?.properties?.["codeError"]?.enum, Object.keys(TAC_ERRORS));
});

const answer = (over: Partial<Exchange>): Exchange => ({
  method: "GET",
  path: "/healthz",
  status: 200,
  contentType: "application/json",
  body: Buffer.from('{"status":"ok"}'),
  ...over,
});
const problem = (code: string, status: number) =>
  Buffer.from(JSON.stringify({ type: `urn:dcc-converter:error:${code}`, title: "t", status, code, instance: "urn:request:1" }));

test("the answer checker accepts what the document says and names what it does not", () => {
  assert.equal(checkExchange(answer({})), undefined);
  assert.match(checkExchange(answer({ path: "/v1/unknown", status: 200 })) ?? "", /route missing/);
  assert.equal(
    checkExchange(
      answer({ path: "/v1/unknown", status: 404, contentType: "application/problem+json", body: problem("ERR_NOT_FOUND", 404) }),
    ),
    undefined,
  );
  assert.match(checkExchange(answer({ status: 418 })) ?? "", /status 418/);
  assert.match(checkExchange(answer({ contentType: "text/plain" })) ?? "", /media type/);
  assert.match(checkExchange(answer({ body: Buffer.from('{"status":"down"}') })) ?? "", /status/);
  const post = { method: "POST", path: "/v1/conversions", contentType: "application/problem+json" };
  assert.equal(checkExchange(answer({ ...post, status: 422, body: problem("ERR_2DDOC_SIGNATURE", 422) })), undefined);
  assert.match(checkExchange(answer({ ...post, status: 422, body: problem("ERR_2DDOC_EMPTY", 422) })) ?? "", /code/);
  const line = (value: object) => `${JSON.stringify(value)}\n`;
  const batch = { method: "POST", path: "/v1/conversions/batch", status: 200, contentType: "application/x-ndjson" };
  assert.equal(
    checkExchange(answer({ ...batch, body: Buffer.from(line({ line: 1, id: "a", error: { code: "ERR_BATCH_LINE", status: 400 } })) })),
    undefined,
  );
  assert.notEqual(
    checkExchange(
      answer({
        ...batch,
        body: Buffer.from(line({ line: 1, error: { code: "ERR_BATCH_LINE", status: 400 } }) + line({ line: 2, surprise: true })),
      }),
    ),
    undefined,
  );
  assert.equal(
    checkExchange(answer({ path: "/readyz", status: 503 })),
    undefined,
    "the operations listener's routes are not described here",
  );
});

test("the /docs page names every operation", () => {
  const html = renderDocs(document);
  for (const path of Object.keys(document.paths)) assert.ok(html.includes(`<code>${path}</code>`), path);
  assert.doesNotMatch(html, /<script|https?:\/\//);
});
