// ownBytes: bytes sent to a thread in an ArrayBuffer of their own (a view of Node's Buffer pool would clone the pool).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ownBytes } from "../../../src/workers/thread-client.js";

test("a small Buffer (a view of the shared pool) is copied into an exact-size buffer with the same bytes", () => {
  const pooled = Buffer.from("dcc-converter", "latin1");
  assert.ok(pooled.buffer.byteLength > pooled.byteLength, "precondition: Node pools small Buffers");
  const own = ownBytes(pooled);
  assert.equal(own.buffer.byteLength, pooled.byteLength);
  assert.equal(own.byteOffset, 0);
  assert.deepEqual([...own], [...pooled]);
});

test("bytes that already own their whole buffer are sent as they are", () => {
  const exact = new Uint8Array([1, 2, 3]);
  assert.equal(ownBytes(exact), exact);
});
