// Shared by the HTTP benchmarks: a server started as its own process, and the CPU it has used.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..");

/** Starts a child process and resolves with the first stdout line matching `ready`. */
export function startChild(args: string[], env: Record<string, string>, ready: RegExp, cwd: string = root): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
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

/** CPU seconds of each thread of a child process so far, by thread id, with the thread's name (Linux /proc). */
export function threadCpu(child: ChildProcess): Map<string, { name: string; seconds: number }> {
  const threads = new Map<string, { name: string; seconds: number }>();
  for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    threads.set(tid, { name, seconds: (Number(fields[11]) + Number(fields[12])) / 100 });
  }
  return threads;
}
