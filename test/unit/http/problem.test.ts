// The one code → status table and the problem+json body.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ERROR_MESSAGES, type ErrorCode } from "../../../src/errors.js";
import { HTTP_STATUS } from "../../../src/errors.js";
import { toProblem } from "../../../src/http/problem.js";

const codes = Object.keys(ERROR_MESSAGES) as ErrorCode[];

test("every error code has a status of the contract's families, and nothing else is in the table", () => {
  assert.deepEqual(Object.keys(HTTP_STATUS).sort(), [...codes].sort());
  for (const code of codes) assert.ok([400, 401, 403, 404, 405, 406, 413, 415, 422, 429, 500, 503].includes(HTTP_STATUS[code]), code);
});

test("undecodable 2D-DOCs are 400, refused ones 422, an unavailable HSM 503", () => {
  assert.equal(HTTP_STATUS.ERR_2DDOC_SIGNATURE_ENCODING, 400);
  assert.equal(HTTP_STATUS.ERR_2DDOC_HEADER, 400);
  for (const code of [
    "ERR_2DDOC_SIGNATURE",
    "ERR_2DDOC_UNKNOWN_SIGNER",
    "ERR_2DDOC_SIGNER_NOT_VALID",
    "ERR_2DDOC_NOT_FRENCH",
    "ERR_2DDOC_DOCUMENT_TYPE",
    "ERR_MAPPING_ANTIGEN_TEST",
    "ERR_MAPPING_SEROLOGY_TEST",
    "ERR_MAPPING_TEST_RESULT",
  ] as const) {
    assert.equal(HTTP_STATUS[code], 422, code);
  }
  assert.equal(HTTP_STATUS.ERR_HSM_UNAVAILABLE, 503);
});

test("a problem carries type, title, status, code and instance, and the field only when given", () => {
  const problem = toProblem("ERR_MAPPING_INVALID_DATE", "req-1", "L9");
  assert.deepEqual(problem, {
    type: "urn:dcc-converter:error:ERR_MAPPING_INVALID_DATE",
    title: ERROR_MESSAGES.ERR_MAPPING_INVALID_DATE,
    status: 422,
    code: "ERR_MAPPING_INVALID_DATE",
    instance: "urn:request:req-1",
    field: "L9",
  });
  assert.equal("field" in toProblem("ERR_NOT_FOUND", "req-2"), false);
});

test("messages are fixed sentences without placeholders for values", () => {
  for (const code of codes) assert.doesNotMatch(ERROR_MESSAGES[code], /[{}$%]/, code);
});
