import { test } from "node:test";
import assert from "node:assert/strict";
import { SessionPool } from "../../../src/hsm/session-pool.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

test("never runs two operations on one session and serves waiters in order", async () => {
  const pool = new SessionPool([Buffer.from([1]), Buffer.from([2])]);
  const inUse = new Set<string>();
  const order: number[] = [];
  let peak = 0;
  const releases: (() => void)[] = [];
  const run = (n: number) =>
    pool.use(async (session) => {
      const key = session.toString("hex");
      assert.equal(inUse.has(key), false);
      inUse.add(key);
      peak = Math.max(peak, inUse.size);
      order.push(n);
      await new Promise<void>((resolve) => releases.push(resolve));
      inUse.delete(key);
      return n;
    });
  const results = [run(0), run(1), run(2), run(3)];
  await tick();
  assert.deepEqual(order, [0, 1]);
  assert.equal(pool.busy, 4);
  while (order.length < 4 || releases.length > 0) {
    releases.shift()?.();
    await tick();
  }
  assert.deepEqual(await Promise.all(results), [0, 1, 2, 3]);
  assert.deepEqual(order, [0, 1, 2, 3]);
  assert.equal(peak, 2);
  assert.equal(pool.busy, 0);
});

test("a failing operation returns its session and drained() resolves", async () => {
  const pool = new SessionPool([Buffer.from([1])]);
  await assert.rejects(
    pool.use(async () => Promise.reject(new Error("boom"))),
    { message: "boom" },
  );
  assert.equal(await pool.use(async () => 7), 7);
  await pool.drained();
  assert.equal(pool.busy, 0);
  assert.throws(() => new SessionPool([]), TypeError);
});

test("past HSM_QUEUE_MAX waiting operations, one more is refused at once with ERR_OVERLOADED (hsm); those inside run", async () => {
  const pool = new SessionPool([Buffer.from([1])], 2);
  let release: () => void = () => undefined;
  const first = pool.use(() => new Promise<string>((resolve) => (release = () => resolve("first"))));
  const waiting = [pool.use(async () => "second"), pool.use(async () => "third")];
  await assert.rejects(
    pool.use(async () => "fourth"),
    { code: "ERR_OVERLOADED", field: "hsm" },
  );
  assert.equal(pool.busy, 3);
  release();
  assert.deepEqual(await Promise.all([first, ...waiting]), ["first", "second", "third"]);
  assert.equal(await pool.use(async () => "again"), "again");
});
