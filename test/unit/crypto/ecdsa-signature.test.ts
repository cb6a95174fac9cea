import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, sign, verify } from "node:crypto";
import fc from "fast-check";
import { derToRaw, rawToDer } from "../../../src/crypto/ecdsa-signature.js";

test("node:crypto DER signatures round-trip through raw r‖s and still verify", () => {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  for (let i = 0; i < 50; i++) {
    const data = Buffer.from(`message ${i}`);
    const der = sign("sha256", data, privateKey);
    const raw = derToRaw(der);
    assert.equal(raw.length, 64);
    assert.deepEqual(rawToDer(raw), der);
    assert.equal(verify("sha256", data, publicKey, rawToDer(raw)), true);
  }
});

test("raw → DER → raw is the identity for any 64 bytes with non-zero halves", () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
      const raw = Buffer.from(bytes);
      assert.deepEqual(derToRaw(rawToDer(raw)), raw);
    }),
  );
});

test("short r and s (leading zero bytes) are left-padded to 32 bytes", () => {
  const r = Buffer.alloc(32);
  r[31] = 0x01; // r = 1: one content byte
  const s = Buffer.alloc(32, 0);
  s.fill(0x11, 2); // s has two leading zero bytes
  const der = rawToDer(Buffer.concat([r, s]));
  assert.deepEqual(der.subarray(0, 5), Buffer.from([0x30, der.length - 2, 0x02, 0x01, 0x01]));
  assert.deepEqual(derToRaw(der), Buffer.concat([r, s]));
});

test("a high bit gets a 0x00 sign byte in DER (33-byte integers) and loses it in raw", () => {
  const raw = Buffer.concat([Buffer.alloc(32, 0x80), Buffer.alloc(32, 0xff)]);
  const der = rawToDer(raw);
  assert.deepEqual(der.subarray(0, 5), Buffer.from([0x30, 0x46, 0x02, 0x21, 0x00]));
  assert.equal(der.length, 72);
  assert.deepEqual(derToRaw(der), raw);
});

test("DER with a redundant leading zero on a small integer is still read", () => {
  const der = Buffer.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x05, 0x02, 0x02, 0x00, 0x07]);
  const raw = derToRaw(der);
  assert.equal(raw[31], 5);
  assert.equal(raw[63], 7);
  assert.equal(
    raw.subarray(0, 31).every((byte) => byte === 0),
    true,
  );
});

test("malformed DER is refused with TypeError", () => {
  const valid = rawToDer(Buffer.alloc(64, 0x42));
  const cases = [
    Buffer.alloc(0),
    Buffer.from([0x31, ...valid.subarray(1)]), // not a SEQUENCE
    valid.subarray(0, valid.length - 1), // truncated
    Buffer.concat([valid, Buffer.from([0])]), // trailing byte
    Buffer.from([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01]), // negative r
    Buffer.from([0x30, 0x26, 0x02, 0x21, 0x01, ...Buffer.alloc(32, 1), 0x02, 0x01, 0x01]), // r wider than 32 bytes
  ];
  for (const der of cases) assert.throws(() => derToRaw(der), TypeError);
  assert.throws(() => rawToDer(Buffer.alloc(63)), TypeError);
});
