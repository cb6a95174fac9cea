// The service's log destination failing (docs/operations.md, "When the log destination fails"): standard output closed
// by its reader (EPIPE), or a file on a full disk (ENOSPC). The service keeps serving, says so in one line on stderr,
// counts the failures in /metrics, and — when the disk has room again — writes its logs again. The real binary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { closeSync, openSync, readFileSync, watch, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { withSmallDisk } from "../support/full-disk.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const ENV = { ...process.env, PORT: "0", OPS_PORT: "0", LOG_LEVEL: "info" };

/** Resolves with the first stderr line matching `pattern`. */
function stderrLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stderr! });
    lines.on("line", (line) => {
      if (pattern.test(line)) resolvePromise(line);
    });
    child.once("exit", (code) => reject(new Error(`the service exited (${code})`)));
  });
}

/** Requests (each logs an access line) until `until` settles; then the service must still answer. */
async function logUntil<T>(url: string, until: Promise<T>): Promise<T> {
  let settled = false;
  const done = until.finally(() => {
    settled = true;
  });
  while (!settled) assert.equal((await fetch(`${url}/v1/signers`)).status, 200);
  return done;
}

async function metric(opsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(name));
  return Number(line?.split(" ").at(-1) ?? 0);
}

function urlsOf(listening: string): { url: string; opsUrl: string } {
  const entry = JSON.parse(listening) as { url: string; opsUrl: string };
  return { url: entry.url, opsUrl: entry.opsUrl };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

test("standard output closed by its reader (EPIPE): the service keeps serving, says it on stderr, counts it", async () => {
  const child = spawn(process.execPath, [bin, "serve"], { env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const lines = createInterface({ input: child.stdout! });
    const listening = await new Promise<string>((resolvePromise) => {
      lines.on("line", (l) => l.includes('"event":"listening"') && resolvePromise(l));
    });
    const { url, opsUrl } = urlsOf(listening);
    const failed = stderrLine(child, /cannot write the logs \(standard output\): the reader closed the pipe \(EPIPE\); serving on/);
    lines.close();
    child.stdout!.destroy();
    await logUntil(url, failed);
    assert.ok((await metric(opsUrl, 'dcc_log_write_failures_total{code="EPIPE"}')) >= 1);
    assert.equal(child.exitCode, null, "still running");
  } finally {
    await stop(child);
  }
});

test("the log file's disk full (ENOSPC): serving on, counted, and the logs are written again once there is room", async (t) => {
  await withSmallDisk(t, 64, async (disk) => {
    const logFile = join(disk.dir, "service.log");
    const fd = openSync(logFile, "w");
    const child = spawn(process.execPath, [bin, "serve"], { env: { ...ENV, NODE_ENV: "development" }, stdio: ["ignore", fd, "pipe"] });
    closeSync(fd);
    try {
      const listening = await new Promise<string>((resolvePromise) => {
        const check = () => {
          const line = readFileSync(logFile, "utf8")
            .split("\n")
            .find((l) => l.includes('"event":"listening"'));
          if (line !== undefined) {
            watcher.close();
            resolvePromise(line);
          }
        };
        const watcher = watch(logFile, check);
        check();
      });
      const { url, opsUrl } = urlsOf(listening);
      const filler = join(disk.dir, "filler");
      const fill = openSync(filler, "w");
      try {
        for (;;) writeSync(fill, Buffer.alloc(4096));
      } catch (error) {
        assert.equal((error as { code?: string }).code, "ENOSPC");
      } finally {
        closeSync(fill);
      }
      const failed = stderrLine(child, /cannot write the logs \(standard output\): no space left on the device \(ENOSPC\); serving on/);
      await logUntil(url, failed);
      assert.ok((await metric(opsUrl, 'dcc_log_write_failures_total{code="ENOSPC"}')) >= 1);

      const before = readFileSync(logFile).length;
      const again = stderrLine(child, /the logs \(standard output\) are written again/);
      disk.grow(4096);
      await logUntil(url, again);
      assert.ok(readFileSync(logFile).length > before, "log lines written after the disk had room");
    } finally {
      await stop(child);
    }
  });
});
