import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { mapOrdered } from "../../../src/batch/map-ordered.js";

async function* numbers(count: number, onRead?: (n: number) => void) {
  for (let i = 0; i < count; i += 1) {
    onRead?.(i);
    yield i;
  }
}

test("results come out in input order whatever order the work finishes in", async () => {
  const out: number[] = [];
  for await (const value of mapOrdered(
    numbers(50),
    async (n) => {
      await sleep((50 - n) % 7);
      return n * 2;
    },
    8,
  ))
    out.push(value);
  assert.deepEqual(
    out,
    Array.from({ length: 50 }, (_, i) => i * 2),
  );
});

test("never more than `concurrency` items in flight", async () => {
  let inFlight = 0;
  let peak = 0;
  const work = async (n: number) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await sleep(1);
    inFlight -= 1;
    return n;
  };
  for await (const _ of mapOrdered(numbers(100), work, 5)) void _;
  assert.equal(peak, 5);
});

test("back-pressure: a consumer that stops pulling stops the reading of the source", async () => {
  let read = 0;
  const results = mapOrdered(
    numbers(10_000, () => {
      read += 1;
    }),
    async (n) => n,
    16,
  );
  for (let i = 0; i < 3; i += 1) await results.next();
  await sleep(10);
  assert.ok(read <= 3 + 16, `read ${read}`);
  await results.return(undefined);
});

test("an abort stops the work and closes the source", async () => {
  const controller = new AbortController();
  let read = 0;
  let closed = false;
  async function* source() {
    try {
      for (let i = 0; ; i += 1) {
        read += 1;
        yield i;
      }
    } finally {
      closed = true;
    }
  }
  const seen: number[] = [];
  for await (const value of mapOrdered(source(), async (n) => n, 4, controller.signal)) {
    seen.push(value);
    if (value === 9) controller.abort();
  }
  assert.equal(seen.length, 10);
  assert.equal(closed, true);
  assert.ok(read < 20);
});

test("an array is a source too: in order, with the same bound", async () => {
  let inFlight = 0;
  let peak = 0;
  const work = async (n: number) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    await sleep((20 - n) % 3);
    inFlight -= 1;
    return n + 1;
  };
  const out: number[] = [];
  for await (const value of mapOrdered([...Array(20).keys()], work, 4)) out.push(value);
  assert.deepEqual(
    out,
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  assert.equal(peak, 4);
});

test("regression: an abort while the next item is in flight leaves no rejection unobserved (`issue` on a full disk ended with a stack trace, exit 1)", async () => {
  const unobserved: unknown[] = [];
  const record = (reason: unknown) => unobserved.push(reason);
  process.on("unhandledRejection", record);
  try {
    const controller = new AbortController();
    let rejectSecond: (error: Error) => void = () => undefined;
    const work = (n: number) =>
      n === 1
        ? Promise.resolve(n)
        : new Promise<number>((_resolve, reject) => {
            rejectSecond = reject;
          });
    for await (const value of mapOrdered([1, 2], work, 2, controller.signal)) {
      // The first result is taken, then the run is stopped (a failed write) while item 2 is still in flight.
      assert.equal(value, 1);
      controller.abort();
    }
    rejectSecond(new Error("ENOSPC"));
    // Two turns of the event loop: node reports an unhandled rejection after the microtask queue drains.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unobserved, []);
  } finally {
    process.off("unhandledRejection", record);
  }
});

test("regression: an item that rejects while an earlier one is still in flight is not an unhandled rejection; the consumer gets it in turn", async () => {
  const unobserved: unknown[] = [];
  const record = (reason: unknown) => unobserved.push(reason);
  process.on("unhandledRejection", record);
  try {
    let resolveFirst: (n: number) => void = () => undefined;
    const first = new Promise<number>((resolve) => {
      resolveFirst = resolve;
    });
    const work = (n: number) => (n === 1 ? first : Promise.reject(new Error("ENOSPC")));
    const results = mapOrdered([1, 2], work, 2);
    const taken = results.next();
    // Item 2 has rejected; item 1 is still in flight: two turns of the event loop let node report it if unobserved.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    resolveFirst(1);
    assert.deepEqual(await taken, { value: 1, done: false });
    await assert.rejects(results.next(), /ENOSPC/);
    assert.deepEqual(unobserved, []);
  } finally {
    process.off("unhandledRejection", record);
  }
});
