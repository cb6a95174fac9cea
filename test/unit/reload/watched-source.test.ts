// The one reload machinery (src/reload/watched-source.ts) with a stub of its files: a new version is read, parsed and
// swapped in (listeners first, then the observer); a version that does not parse, cannot be read or is past its time
// bound keeps the value in force and is reported once per version by place and reason; `stuck` and a file changed
// mid-read are not reported but read again; a failed start is a ConfigError naming the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FileFailure, FileResult } from "../../../src/io/bounded-file.js";
import { ConfigError } from "../../../src/errors.js";
import { openSource, type SourceFiles } from "../../../src/reload/watched-source.js";

const ok = (value: string): FileResult<string> => ({ ok: true, value });

/** Files whose version and next read the test sets; each poll is run by hand through `tick`. */
function stubFiles(initial: string) {
  /** `readVersion`: the version the next read sees, when the files change between the poll and the read. */
  const state = { version: ok("v1"), read: ok(initial), reads: 0, readVersion: undefined as string | undefined };
  const files: SourceFiles<string> = {
    version: async () => state.version,
    read: async () => {
      state.reads += 1;
      const version = state.readVersion ?? (state.version.ok ? state.version.value : "gone");
      return state.read.ok ? { ok: true, value: { raw: state.read.value, version } } : state.read;
    },
  };
  return { state, files };
}
const fail = (reason: FileFailure): FileResult<string> => ({ ok: false, reason });
const parse = (text: string) => {
  if (!text.startsWith("good")) throw new ConfigError("ERR_CONFIG", { field: "SOURCE line 1" });
  return text;
};

async function watched(initial = "good 1") {
  const { state, files } = stubFiles(initial);
  const source = await openSource({ field: "SOURCE", files, parse });
  const events: string[] = [];
  const swaps: string[] = [];
  source.onSwap((value) => swaps.push(value));
  let poll: () => void = () => undefined;
  const realSetInterval = globalThis.setInterval;
  const capture = (callback: () => void) => {
    poll = callback;
    return { unref: () => undefined };
  };
  globalThis.setInterval = capture as unknown as typeof setInterval;
  try {
    source.watch({ loaded: (value) => events.push(`ok ${value}`), refused: (place, reason) => events.push(`${place} ${reason}`) });
  } finally {
    globalThis.setInterval = realSetInterval;
  }
  /** One poll, awaited to its end. */
  const tick = async () => {
    poll();
    for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return { state, source, events, swaps, tick };
}

test("a new version is swapped in (listeners, then the observer); an unchanged one is not read again", async () => {
  const { state, source, events, swaps, tick } = await watched();
  await tick();
  assert.equal(state.reads, 1, "read once, at start");
  state.version = ok("v2");
  state.read = ok("good 2");
  await tick();
  await tick();
  assert.deepEqual([source.current(), events, swaps, state.reads], ["good 2", ["ok good 2"], ["good 2"], 2]);
});

// Regression: a file caught half-written at the poll and whole at the read was read and swapped in twice.
test("the version read is the one remembered: a file that changed between the poll and the read is not read twice", async () => {
  const { state, events, tick } = await watched();
  state.version = ok("v2 (emptied)");
  state.readVersion = "v3 (whole)";
  state.read = ok("good 3");
  await tick();
  state.version = ok("v3 (whole)");
  await tick();
  await tick();
  assert.deepEqual([events, state.reads], [["ok good 3"], 2]);
});

test("invalid, unreadable, too large, timed out or missing: the value in force stays, reported by place and reason", async () => {
  const { state, source, events, swaps, tick } = await watched();
  const steps: [string, FileResult<string>][] = [
    ["v2", ok("broken")],
    ["v3", fail("not-regular")],
    ["v4", fail("too-large")],
  ];
  for (const [version, read] of steps) {
    state.version = ok(version);
    state.read = read;
    await tick();
    await tick(); // once per version
  }
  state.version = ok("v5");
  state.read = fail("timeout");
  await tick(); // then the path is stuck until the abandoned call returns: not reported, and read again after
  state.version = fail("stuck");
  await tick();
  state.version = fail("missing");
  await tick();
  await tick();
  assert.deepEqual(events, ["SOURCE line 1 invalid", "SOURCE not-regular", "SOURCE too-large", "SOURCE timeout", "SOURCE missing"]);
  assert.deepEqual([source.current(), swaps], ["good 1", []]);
});

test("stuck is not reported and a file changed mid-read is read again; once the path answers, the new version is taken", async () => {
  const { state, source, events, tick } = await watched();
  state.version = fail("stuck");
  await tick();
  state.version = ok("v2");
  state.read = fail("changed");
  await tick();
  assert.deepEqual(events, []);
  state.read = ok("good 2");
  await tick();
  assert.deepEqual([source.current(), events], ["good 2", ["ok good 2"]]);
});

test("at start: a read that fails is ERR_CONFIG naming the field; one that does not parse names the parser's place", async () => {
  const { state, files } = stubFiles("good");
  state.read = fail("not-regular");
  await assert.rejects(openSource({ field: "SOURCE", files, parse }), { code: "ERR_CONFIG", field: "SOURCE" });
  state.read = ok("broken");
  await assert.rejects(openSource({ field: "SOURCE", files, parse }), { code: "ERR_CONFIG", field: "SOURCE line 1" });
});
