// CBOR (RFC 8949 §4.2; hcert §3.3): integer claim keys stay integers, ints stay major type 0, maps use minimal headers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeCbor, encodeCbor, Tag, toJsonValue } from "../../../src/dcc/cbor.js";

test("a CWT claims map round-trips with integer keys (1, 4, 6, -260) and text DCC keys", () => {
  const claims = new Map<number, unknown>([
    [1, "FR"],
    [4, 1_700_000_000],
    [6, 1_690_000_000],
    [-260, new Map([[1, { ver: "1.3.0", v: [{ dn: 1 }] }]])],
  ]);
  const bytes = encodeCbor(claims);
  assert.equal(bytes[0], 0xa4, "a map of 4 with a one-byte header");
  assert.ok(bytes.includes(Buffer.from("390103", "hex")), "-260 is a negative integer (major type 1), not text");
  const decoded = decodeCbor(bytes) as Map<unknown, unknown>;
  assert.deepEqual([...decoded.keys()], [1, 4, 6, -260]);
  assert.equal(decoded.get(4), 1_700_000_000);
  const hcert = decoded.get(-260) as Map<number, Map<string, unknown>>;
  assert.deepEqual(toJsonValue(hcert.get(1)), { ver: "1.3.0", v: [{ dn: 1 }] });
});

test("byte strings are plain bstr (no tag 64), integers are major type 0, empty maps are a0", () => {
  assert.equal(encodeCbor(Buffer.from([1, 2])).toString("hex"), "420102");
  assert.equal(encodeCbor(Uint8Array.from([1, 2])).toString("hex"), "420102");
  assert.equal(encodeCbor(2).toString("hex"), "02");
  assert.equal(encodeCbor(new Map()).toString("hex"), "a0");
  assert.equal(encodeCbor(new Tag([], 18)).toString("hex"), "d280");
});

test("earlier results are not overwritten by later encodings (the encoder is shared)", () => {
  const first = encodeCbor(new Map([[1, "first"]]));
  const copy = Buffer.from(first);
  for (let i = 0; i < 2000; i += 1) encodeCbor(new Map([[1, "x".repeat(i % 50)]]));
  assert.ok(first.equals(copy));
});

test("toJsonValue reads tag-0 dates as RFC 3339 text and refuses non-text DCC keys", () => {
  const tagged = decodeCbor(Buffer.from("a16273637400323032312d30342d32355431323a34353a33315a".replace("7400", "c074"), "hex"));
  assert.deepEqual(toJsonValue(tagged), { sc: "2021-04-25T12:45:31Z" });
  assert.throws(() => toJsonValue(new Map([[1, "x"]])), TypeError);
});

test("truncated input and trailing bytes are errors", () => {
  assert.throws(() => decodeCbor(Buffer.from("a201", "hex")));
  assert.throws(() => decodeCbor(Buffer.from("a0ff", "hex")));
});
