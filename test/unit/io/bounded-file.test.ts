// The bounded reader of files operators replace under a running service (src/io/bounded-file.ts): a regular file's
// bytes and version; a FIFO, a directory, a file over the size bound or a missing path are typed failures at once
// (a FIFO without a writer does not block the open); an operation that never returns is abandoned at the time bound,
// and until it returns every later call fails at once with `stuck`, without another file system call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boundedFile, type FileSystem } from "../../../src/io/bounded-file.js";

const dir = mkdtempSync(join(tmpdir(), "bounded-file-"));
const bounds = { maxBytes: 1024, timeoutMs: 5_000 };

test("a regular file: its bytes, and a version that changes when the file does", async () => {
  const path = join(dir, "list.txt");
  writeFileSync(path, "one\n");
  const file = boundedFile(path, bounds);
  assert.deepEqual(await file.read(), { ok: true, value: Buffer.from("one\n") });
  const first = await file.version();
  assert.deepEqual(await file.readVersioned(), first.ok && { ok: true, value: { bytes: Buffer.from("one\n"), version: first.value } });
  writeFileSync(path, "two lines\n");
  const second = await file.version();
  assert.ok(first.ok && second.ok && first.value !== second.value);
});

test("a FIFO, a directory, a file over the bound and a missing path are typed failures", async () => {
  const fifo = join(dir, "fifo");
  assert.equal(spawnSync("mkfifo", [fifo]).status, 0);
  writeFileSync(join(dir, "big.txt"), Buffer.alloc(1025));
  const cases: Array<[string, string]> = [
    [fifo, "not-regular"],
    [dir, "not-regular"],
    [join(dir, "big.txt"), "too-large"],
    [join(dir, "none"), "missing"],
  ];
  for (const [path, reason] of cases) assert.deepEqual(await boundedFile(path, bounds).read(), { ok: false, reason }, path);
  assert.deepEqual(await boundedFile(join(dir, "none"), bounds).version(), { ok: false, reason: "missing" });
});

test("an operation past the time bound is abandoned: `timeout`, then `stuck` without a call until it returns", async () => {
  const path = join(dir, "slow.txt");
  writeFileSync(path, "slow\n");
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let calls = 0;
  let returned: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    returned = resolve;
  });
  const hung: FileSystem = {
    open,
    realpath: (async (p: string) => {
      calls += 1;
      await gate;
      return realpath(p);
    }) as FileSystem["realpath"],
    stat: (async (...args: Parameters<typeof stat>) => {
      const result = await stat(...args);
      returned();
      return result;
    }) as FileSystem["stat"],
  };
  const file = boundedFile(path, { maxBytes: 1024, timeoutMs: 50 }, hung);
  assert.deepEqual(await file.version(), { ok: false, reason: "timeout" });
  assert.deepEqual(await file.version(), { ok: false, reason: "stuck" });
  assert.deepEqual(await file.read(), { ok: false, reason: "stuck" });
  assert.equal(calls, 1, "no other call while one is outstanding");
  release();
  await done;
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await file.read()).ok, true, "usable again once it returned");
});
