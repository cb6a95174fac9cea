// The codeError table (docs/tousanticovid.md "Errors"): stable values, French messages, no value of the request ever.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ERROR_MESSAGES, type ErrorCode } from "../../../src/errors.js";
import { HTTP_STATUS } from "../../../src/errors.js";
import { TAC_ERRORS, tacCodeErrorOf, tacErrorOf } from "../../../src/tac/error-codes.js";

const ALL_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

test("every product error code has a documented codeError with a French message", () => {
  for (const code of ALL_CODES) {
    const answer = tacErrorOf(code, HTTP_STATUS[code]);
    assert.ok(Object.hasOwn(TAC_ERRORS, answer.codeError), code);
    assert.equal(answer.msgError, TAC_ERRORS[answer.codeError as keyof typeof TAC_ERRORS]);
  }
});

test("the codeError values are the stable list of docs/tousanticovid.md", () => {
  const doc = readFileSync(resolve(import.meta.dirname, "../../../docs/tousanticovid.md"), "utf8");
  for (const [codeError, msgError] of Object.entries(TAC_ERRORS)) {
    assert.match(doc, new RegExp(`\\| \`${codeError}\` \\|`), codeError);
    assert.ok(doc.includes(msgError), `message of ${codeError} documented verbatim`);
  }
});

test("the protocol's own refusals each have a distinct codeError", () => {
  assert.equal(tacCodeErrorOf("ERR_TAC_KEY_ALIAS", 400), "UNKNOWN_KEY_ALIAS");
  assert.equal(tacCodeErrorOf("ERR_TAC_CLIENT_KEY", 400), "INVALID_PUBLIC_KEY");
  assert.equal(tacCodeErrorOf("ERR_TAC_DECRYPT", 400), "DECRYPTION_FAILED");
  assert.equal(tacCodeErrorOf("ERR_TAC_SOURCE", 400), "UNSUPPORTED_CONVERSION");
  assert.equal(tacCodeErrorOf("ERR_RATE_LIMITED", 429), "TOO_MANY_REQUESTS");
  assert.equal(tacCodeErrorOf("ERR_HSM_UNAVAILABLE", 503), "SERVICE_UNAVAILABLE");
  assert.equal(tacCodeErrorOf("ERR_2DDOC_SIGNATURE_ENCODING", 400), "UNREADABLE_DOCUMENT");
  assert.equal(tacCodeErrorOf("ERR_MAPPING_TEST_RESULT", 422), "TEST_RESULT");
  assert.equal(tacCodeErrorOf("ERR_REQUEST_CONTENT_TYPE", 415), "INVALID_REQUEST");
  assert.equal(tacCodeErrorOf("ERR_INTERNAL", 500), "SERVER_ERROR");
});

test("a code added later falls back by its status", () => {
  assert.equal(tacCodeErrorOf("ERR_SOMETHING_NEW" as ErrorCode, 422), "INVALID_DOCUMENT_DATA");
  assert.equal(tacCodeErrorOf("ERR_SOMETHING_NEW" as ErrorCode, 503), "SERVICE_UNAVAILABLE");
  assert.equal(tacCodeErrorOf("ERR_SOMETHING_NEW" as ErrorCode, 500), "SERVER_ERROR");
});

test("messages are fixed French sentences: no placeholders, no English error text", () => {
  for (const [codeError, message] of Object.entries(TAC_ERRORS)) {
    assert.match(codeError, /^[A-Z][A-Z_]+$/);
    assert.ok(message.length > 20 && message.endsWith("."), codeError);
    assert.doesNotMatch(message, /[{}$%<>]|undefined|null|error/i, codeError);
  }
});
