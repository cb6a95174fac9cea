// Shared by the HTTP benchmarks: a server started as its own process, and the CPU it has used.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";

const root = resolve(import.meta.dirname, "..");

/**
 * The service as it is shipped: the compiled dist/ of a checkout (`npm run build`, what the container image runs),
 * built now so that it matches the sources. Running the sources through tsx (bin/dcc-converter.mjs in a checkout)
 * adds an ESM loader thread per isolate and source-map handling, which the image does not have: measured, ~10 % more
 * CPU per conversion. Returns the entry point, relative to the checkout.
 */
export function compiledService(dir: string = root): string {
  const built = spawnSync(resolve(dir, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], { cwd: dir, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed in ${dir}: ${built.stdout}${built.stderr}`);
  return resolve(dir, "dist/cli/main.js");
}

/** Starts a child process and resolves with the first stdout line matching `ready`. */
export function startChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  cwd: string = root,
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  process.once("exit", () => child.kill("SIGTERM")); // a benchmark that fails half-way leaves no server behind
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
