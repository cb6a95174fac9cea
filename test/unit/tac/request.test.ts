// The TousAntiCovid request envelope (docs/tousanticovid.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readTacRequest } from "../../../src/tac/request.js";

const valid = { chainEncoded: "DC04…", source: "DEUX_D_DOC", destination: "DGCA" };

test("the app's body gives its chainEncoded", () => {
  assert.deepEqual(readTacRequest(valid), { chainEncoded: "DC04…" });
});

test("another source or destination is ERR_TAC_SOURCE naming the field", () => {
  assert.throws(() => readTacRequest({ ...valid, source: "DCC" }), { code: "ERR_TAC_SOURCE", field: "source" });
  assert.throws(() => readTacRequest({ ...valid, destination: "DEUX_D_DOC" }), { code: "ERR_TAC_SOURCE", field: "destination" });
  assert.throws(() => readTacRequest({ ...valid, source: "deux_d_doc" }), { code: "ERR_TAC_SOURCE" });
});

test("missing or non-string fields are ERR_REQUEST_MALFORMED naming the field", () => {
  assert.throws(() => readTacRequest({ ...valid, source: undefined }), { code: "ERR_REQUEST_MALFORMED", field: "source" });
  assert.throws(() => readTacRequest({ ...valid, destination: 1 }), { code: "ERR_REQUEST_MALFORMED", field: "destination" });
  assert.throws(() => readTacRequest({ ...valid, chainEncoded: "" }), { code: "ERR_REQUEST_MALFORMED", field: "chainEncoded" });
  assert.throws(() => readTacRequest({ ...valid, chainEncoded: ["DC04"] }), { code: "ERR_REQUEST_MALFORMED", field: "chainEncoded" });
  assert.throws(() => readTacRequest({ ...valid, chainEncoded: "D".repeat(16 * 1024 + 1) }), { code: "ERR_REQUEST_MALFORMED" });
});

test("a body that is not a JSON object is ERR_REQUEST_MALFORMED", () => {
  for (const body of [null, "DC04", [valid], 3]) assert.throws(() => readTacRequest(body), { code: "ERR_REQUEST_MALFORMED" });
});

test("inherited properties are not fields", () => {
  const body = Object.assign(Object.create({ source: "DEUX_D_DOC" }) as object, { chainEncoded: "x", destination: "DGCA" });
  assert.throws(() => readTacRequest(body), { code: "ERR_REQUEST_MALFORMED", field: "source" });
});
