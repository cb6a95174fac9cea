// AES-256-GCM wire format (docs/tousanticovid.md): round trip, and every kind of corruption → ERR_TAC_DECRYPT.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCipheriv, randomBytes } from "node:crypto";
import fc from "fast-check";
import { openMessage, sealMessage, IV_LENGTH, TAG_LENGTH } from "../../../src/tac/wire.js";

const refused = { code: "ERR_TAC_DECRYPT" };
const key = randomBytes(32);

test("seal then open gives back the text, with the control characters of a 2D-DOC", () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 300, unit: "binary" }), (text) => {
      assert.equal(openMessage(key, sealMessage(key, text)), text);
    }),
  );
  assert.equal(openMessage(key, sealMessage(key, "DC04\x1dA\x1eB\x1fC")), "DC04\x1dA\x1eB\x1fC");
});

test("seal uses a fresh 12-byte IV and appends a 16-byte tag", () => {
  const a = Buffer.from(sealMessage(key, "HC1:X"), "base64");
  const b = Buffer.from(sealMessage(key, "HC1:X"), "base64");
  assert.equal(a.length, IV_LENGTH + 5 + TAG_LENGTH);
  assert.notDeepEqual(a.subarray(0, IV_LENGTH), b.subarray(0, IV_LENGTH));
});

test("flipping any bit of IV, ciphertext or tag is refused", () => {
  const wire = Buffer.from(sealMessage(key, "DC04FR03AV01 SPECIMEN"), "base64");
  fc.assert(
    fc.property(fc.nat(wire.length * 8 - 1), (bit) => {
      const copy = Buffer.from(wire);
      copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      assert.throws(() => openMessage(key, copy.toString("base64")), refused);
    }),
  );
});

test("another key, a truncated message, non-base64 and empty ciphertext are refused alike", () => {
  const wire = sealMessage(key, "DC04");
  assert.throws(() => openMessage(randomBytes(32), wire), refused);
  assert.throws(() => openMessage(key, wire.slice(0, 24)), refused);
  assert.throws(() => openMessage(key, `${wire}%`), refused);
  assert.throws(() => openMessage(key, Buffer.from(wire, "base64").toString("base64url")), refused);
  assert.throws(() => openMessage(key, Buffer.alloc(IV_LENGTH + TAG_LENGTH).toString("base64")), refused);
  assert.throws(() => openMessage(key, "DC04FR03AV01"), refused);
});

test("an authentic message whose plaintext is not UTF-8 is refused", () => {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(Buffer.from([0xff, 0xfe, 0x41])), cipher.final()]);
  const wire = Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
  assert.throws(() => openMessage(key, wire), refused);
});

test("the refusal carries no detail of why decryption failed", () => {
  assert.throws(
    () => openMessage(randomBytes(32), sealMessage(key, "x")),
    (error: Error) => {
      assert.equal(error.message, "The encrypted document could not be decrypted.");
      assert.equal(error.cause, undefined);
      return true;
    },
  );
});
