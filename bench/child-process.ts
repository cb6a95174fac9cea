// Shared by the HTTP benchmarks: a server started as its own process, and the CPU it has used.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..");

/** Starts a child process and resolves with the first stdout line matching `ready`. */
export function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = ready.exec(line);
      if (match !== null) resolvePromise({ child, line: match[0] });
    });
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

/** CPU seconds (user + system, all threads) a child process has used so far (Linux /proc). */
export function cpuSeconds(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}
