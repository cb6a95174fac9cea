// The readiness verdict (docs/operations.md "Operations port"): reused for the cache window, one probe in
// flight shared by concurrent checks, failures cached too, and "shutting down" at once after stop().
import { test } from "node:test";
import assert from "node:assert/strict";
import { createReadiness } from "../../../src/ops/readiness.js";

function probeCounter(outcome: () => Promise<void> = async () => undefined) {
  const calls = { count: 0 };
  return {
    calls,
    probe: () => {
      calls.count += 1;
      return outcome();
    },
  };
}

test("two checks within the cache window cost one probe; after it, a new probe", async () => {
  let now = 1_000;
  const { calls, probe } = probeCounter();
  const readiness = createReadiness({ probe, cacheSeconds: 5, now: () => now });
  assert.deepEqual(await readiness.check(), { ready: true });
  now += 4_999;
  assert.deepEqual(await readiness.check(), { ready: true });
  assert.equal(calls.count, 1);
  now += 1;
  await readiness.check();
  assert.equal(calls.count, 2);
});

test("concurrent checks share the one probe in flight", async () => {
  let finish = () => {};
  const { calls, probe } = probeCounter(
    () =>
      new Promise<void>((resolve) => {
        finish = resolve;
      }),
  );
  const readiness = createReadiness({ probe, cacheSeconds: 0 });
  const checks = Array.from({ length: 10 }, () => readiness.check());
  finish();
  assert.deepEqual(new Set((await Promise.all(checks)).map((v) => v.ready)), new Set([true]));
  assert.equal(calls.count, 1);
});

test("a failed probe is ERR_HSM_UNAVAILABLE, cached like a success and reported once", async () => {
  const outcomes: boolean[] = [];
  const { calls, probe } = probeCounter(async () => {
    throw new Error("token gone");
  });
  const readiness = createReadiness({ probe, cacheSeconds: 60, onProbe: (ready) => outcomes.push(ready) });
  assert.deepEqual(await readiness.check(), { ready: false, code: "ERR_HSM_UNAVAILABLE" });
  assert.deepEqual(await readiness.check(), { ready: false, code: "ERR_HSM_UNAVAILABLE" });
  assert.equal(calls.count, 1);
  assert.deepEqual(outcomes, [false]);
});

test("after stop(), every check says ERR_SHUTTING_DOWN at once, without probing", async () => {
  const { calls, probe } = probeCounter();
  const readiness = createReadiness({ probe, cacheSeconds: 60 });
  await readiness.check();
  readiness.stop();
  assert.deepEqual(await readiness.check(), { ready: false, code: "ERR_SHUTTING_DOWN" });
  assert.equal(calls.count, 1);
});
