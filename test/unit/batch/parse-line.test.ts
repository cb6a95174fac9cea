import { test } from "node:test";
import assert from "node:assert/strict";
import { parseBatchLine, MAX_ID_LENGTH } from "../../../src/batch/parse-line.js";

const line = (text: string | undefined) => parseBatchLine({ number: 7, text, bytes: 1 });

test("a well-formed line gives its id and document", () => {
  assert.deepEqual(line('{"id":"a-1","document":"DC04…"}'), { line: 7, id: "a-1", document: "DC04…" });
});

test("not JSON, not an object, or no string id: malformed without id", () => {
  for (const text of [
    "not json",
    "[1]",
    "null",
    '"x"',
    '{"document":"DC04"}',
    '{"id":5,"document":"DC04"}',
    '{"id":"","document":"DC04"}',
    undefined,
    "",
  ]) {
    assert.deepEqual(line(text), { line: 7, id: undefined, malformed: true }, String(text));
  }
});

test("an id with control characters or too long is not echoed", () => {
  assert.equal((line(JSON.stringify({ id: "a\nb", document: "DC04" })) as { id?: string }).id, undefined);
  assert.equal((line(JSON.stringify({ id: "a".repeat(MAX_ID_LENGTH + 1), document: "DC04" })) as { id?: string }).id, undefined);
});

test("a usable id without a usable document: malformed, the id kept", () => {
  for (const document of [undefined, 3, "", "x".repeat(16 * 1024 + 1)]) {
    assert.deepEqual(line(JSON.stringify({ id: "k", document })), { line: 7, id: "k", malformed: true });
  }
});
