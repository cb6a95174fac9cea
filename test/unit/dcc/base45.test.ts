// RFC 9285 base45 (hcert §4.2.2): round trips, the RFC's own examples, and every kind of invalid input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { decodeBase45, encodeBase45 } from "../../../src/dcc/base45.js";

test("RFC 9285 §4.3 examples encode and decode", () => {
  assert.equal(encodeBase45(Buffer.from("AB")), "BB8");
  assert.equal(encodeBase45(Buffer.from("Hello!!")), "%69 VD92EX0");
  assert.equal(encodeBase45(Buffer.from("base-45")), "UJCLQE7W581");
  assert.equal(decodeBase45("QED8WEX0").toString(), "ietf!");
});

test("any bytes survive encode → decode (odd and even lengths, spaces kept as data)", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      assert.deepEqual(new Uint8Array(decodeBase45(encodeBase45(bytes))), bytes);
    }),
  );
  const bytes = randomBytes(401);
  assert.ok(decodeBase45(encodeBase45(bytes)).equals(bytes));
});

test("invalid base45 is refused with ERR_HC1_BASE45", () => {
  for (const bad of [
    "A", // a final lone character
    "BB8A", // 3 + 1 leftover
    "bb8", // lower case is outside the alphabet
    "BB#", // '#' is outside the alphabet
    "BB8é",
    "GGW", // 16 + 16·45 + 32·2025 = 65536 > 65535
    ":::", // 44 + 44·45 + 44·2025 > 65535
    "::", // 44 + 44·45 = 2024 > 255
  ]) {
    assert.throws(() => decodeBase45(bad), { code: "ERR_HC1_BASE45" }, JSON.stringify(bad));
  }
  assert.ok(decodeBase45("FGW").equals(Buffer.from([0xff, 0xff])), "65535 is the largest triple");
  assert.ok(decodeBase45("U5").equals(Buffer.from([0xff])), "255 is the largest pair");
  assert.equal(decodeBase45("").length, 0);
});
