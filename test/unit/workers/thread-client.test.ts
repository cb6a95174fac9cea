// The thread client (src/workers/thread-client.ts): how the calls of one event-loop turn are handed to the threads.
// The threads are real worker threads speaking the client's protocol and answering with their thread id.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { createThreadClient } from "../../../src/workers/thread-client.js";

// Answers every call with the id of the thread that ran it, and counts the messages it received.
const ECHO_THREAD = `
const { parentPort, threadId } = require("node:worker_threads");
let messages = 0;
parentPort.on("message", (calls) => {
  messages += 1;
  parentPort.postMessage(calls.map(({ id }) => ({ id, ok: true, value: { threadId, messages, size: calls.length } })));
});
`;

function clientOf(size: number, chunk?: number) {
  return createThreadClient<number, { threadId: number; messages: number; size: number }>({
    name: "workers",
    start: () => new Worker(ECHO_THREAD, { eval: true }),
    size,
    maxPending: 1_000,
    lostCode: "ERR_INTERNAL",
    ...(chunk === undefined ? {} : { chunk }),
  });
}

test("a turn's few calls are spread evenly over the threads, one message each, not queued in one thread", async () => {
  const client = clientOf(2, 32);
  try {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => client.call(i)));
    const byThread = new Map<number, typeof answers>();
    for (const answer of answers) byThread.set(answer.threadId, [...(byThread.get(answer.threadId) ?? []), answer]);
    assert.equal(byThread.size, 2);
    for (const calls of byThread.values()) {
      assert.equal(calls.length, 5);
      assert.ok(
        calls.every((answer) => answer.messages === 1 && answer.size === 5),
        "one message of 5 calls per thread",
      );
    }
  } finally {
    await client.close();
  }
});

test("a turn's many calls leave in messages of at most `chunk` calls, over every thread", async () => {
  const client = clientOf(2, 32);
  try {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => client.call(i)));
    assert.ok(answers.every((answer) => answer.size <= 32));
    assert.equal(new Set(answers.map((answer) => answer.threadId)).size, 2);
    assert.equal(answers.filter((answer) => answer.size === 32).length, 96, "three full chunks of 32, then the 4 left over");
  } finally {
    await client.close();
  }
});

test("a call that finds a thread idle leaves at once, before the turn ends; calls that find every thread busy wait for the turn's message", async () => {
  const client = clientOf(2, 32);
  try {
    await Promise.all([client.call(0), client.call(1)]); // both threads started, now idle
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => client.call(i)));
    // The first two find an idle thread each and go alone; the four others leave together at the end of the turn.
    assert.deepEqual(
      answers.map((answer) => answer.size),
      [1, 1, 2, 2, 2, 2],
    );
  } finally {
    await client.close();
  }
});
