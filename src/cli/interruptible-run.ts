// The run shared by the file commands that write one result line per input line (`batch`, `issue`): SIGINT and
// SIGTERM abort the work's signal (the lines in flight are answered, nothing more is read), the output is closed
// (standard output is left open), the progress summary goes to stderr, and the exit code follows README.md,
// "Command line": 0 every line done, 1 a line refused or the run interrupted.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { BatchProgress } from "../batch/progress.js";
import { EXIT } from "./exit.js";

export async function runInterruptible(progress: BatchProgress, out: Writable, work: (signal: AbortSignal) => Promise<void>): Promise<number> {
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    await work(controller.signal);
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    if (out !== process.stdout) {
      out.end();
      await once(out, "close");
    }
  }
  const interrupted = controller.signal.aborted;
  process.stderr.write(progress.finish(interrupted));
  return interrupted || progress.tally.failed > 0 ? EXIT.refused : EXIT.ok;
}
