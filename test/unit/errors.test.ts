// One record per error code (src/errors.ts): status, class and message together; an error crossing a thread
// is rebuilt as the class its record names, never guessed from the code's prefix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ERRORS, ERROR_MESSAGES, HTTP_STATUS, errorOf, errorReply, rebuildError, type ErrorCode } from "../../src/errors.js";

const codes = Object.keys(ERRORS) as ErrorCode[];

test("the derived tables are the records' own status and message, for every code", () => {
  assert.deepEqual(Object.keys(HTTP_STATUS).sort(), [...codes].sort());
  assert.deepEqual(Object.keys(ERROR_MESSAGES).sort(), [...codes].sort());
  for (const code of codes) {
    assert.equal(HTTP_STATUS[code], ERRORS[code].status, code);
    assert.equal(ERROR_MESSAGES[code], ERRORS[code].message, code);
  }
});

test("every code crosses a thread and comes back as the class its record names, with its field", () => {
  for (const code of codes) {
    const rebuilt = rebuildError(errorReply(errorOf(code, { field: "L5" }), "ERR_INTERNAL"));
    assert.equal(rebuilt.constructor.name, ERRORS[code].class, code);
    assert.equal(rebuilt.code, code);
    assert.equal(rebuilt.field, "L5");
  }
});

test("a code this build does not know is rebuilt as an HSM outage (fail closed), never passed through", () => {
  assert.deepEqual({ ...rebuildError({ code: "ERR_FROM_A_NEWER_BUILD" }) }, { ...errorOf("ERR_HSM_UNAVAILABLE") });
  assert.equal(rebuildError({ code: "ERR_FROM_A_NEWER_BUILD" }).code, "ERR_HSM_UNAVAILABLE");
});

test("a non-product error becomes the fallback code, carrying nothing of its message", () => {
  assert.deepEqual(errorReply(new Error("secret DOE JOHN"), "ERR_INTERNAL"), { code: "ERR_INTERNAL" });
});

test("an error's name is its class's, as logs show it", () => {
  for (const code of codes) assert.equal(errorOf(code).name, ERRORS[code].class, code);
});
