// The seal's 12-character id (src/icao/seal-id.ts): cut from the keyed document digest's bytes 10–19, the ones the
// UVCI does not show; upper-case letters and digits only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SEAL_ID_LENGTH, sealIdFromDigest } from "../../../src/icao/seal-id.js";
import { uvciFromDigest } from "../../../src/dcc/uvci.js";

const digest = (text: string) => createHash("sha256").update(text).digest();

test("12 characters of [0-9A-Z], a function of the digest", () => {
  const id = sealIdFromDigest(digest("a"));
  assert.match(id, /^[0-9A-Z]{12}$/);
  assert.equal(id.length, SEAL_ID_LENGTH);
  assert.equal(sealIdFromDigest(digest("a")), id);
  assert.equal(sealIdFromDigest(Buffer.alloc(32)), "000000000000");
});

test("the id depends on bytes 10–19 only: the UVCI's bytes 0–9 do not give it away", () => {
  const base = digest("b");
  const otherHead = Buffer.from(base);
  otherHead[0] = (otherHead[0] ?? 0) ^ 0xff;
  assert.equal(sealIdFromDigest(otherHead), sealIdFromDigest(base));
  assert.notEqual(uvciFromDigest(otherHead), uvciFromDigest(base));
  const otherTail = Buffer.from(base);
  otherTail[15] = (otherTail[15] ?? 0) ^ 0x01;
  assert.notEqual(sealIdFromDigest(otherTail), sealIdFromDigest(base));
  assert.equal(uvciFromDigest(otherTail), uvciFromDigest(base));
});

test("a digest shorter than 160 bits is a programmer error", () => {
  assert.throws(() => sealIdFromDigest(Buffer.alloc(19)), TypeError);
});
