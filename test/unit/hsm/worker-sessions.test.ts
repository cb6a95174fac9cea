// How many PKCS#11 sessions a conversion worker opens (src/hsm/worker-sessions.ts, docs/operations.md "Scaling").
import { test } from "node:test";
import assert from "node:assert/strict";
import { workerSessions } from "../../../src/hsm/worker-sessions.js";

test("inline, a worker makes one call at a time: one session, whatever the pool size", () => {
  assert.equal(workerSessions("inline", 8, 2), 1);
  assert.equal(workerSessions("inline", 1, 4), 1);
});

test("on the threadpool, the workers share PKCS11_SESSIONS: each opens its share, rounded up, at least one", () => {
  assert.equal(workerSessions("threadpool", 8, 2), 4);
  assert.equal(workerSessions("threadpool", 4, 2), 2);
  assert.equal(workerSessions("threadpool", 8, 3), 3);
  assert.equal(workerSessions("threadpool", 1, 4), 1);
});
