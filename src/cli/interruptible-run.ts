// The run shared by the file commands that write one result line per input line (`batch`, `issue`): SIGINT and
// SIGTERM stop the work (nothing more is read; results not yet written are dropped), a failed write stops it at once
// (src/cli/outputs.ts), the output is closed (standard output is left open), and the last line on stderr is the
// summary — or the stop line naming the output, the cause and how to finish. Exit codes follow README.md,
// "Command line": 0 every line done, 1 a line refused or the run interrupted, 2 an output that cannot be written.
import type { BatchProgress } from "../batch/progress.js";
import { EXIT } from "./exit.js";
import { isOutputError } from "../output-error.js";
import type { LineWriter, Outputs } from "./outputs.js";

export interface InterruptibleRun {
  readonly progress: BatchProgress;
  readonly outputs: Outputs;
  readonly results: LineWriter;
  readonly work: (signal: AbortSignal) => Promise<void>;
  /** After the work and every file it wrote settled (issue: removes the PDFs left without a result line). */
  readonly settled?: () => Promise<void>;
  /** How to finish after a stop: what has no result yet and the command to run. */
  readonly howToFinish: () => string;
}

export async function runInterruptible(run: InterruptibleRun): Promise<number> {
  const { progress, outputs, results } = run;
  const interrupt = () => outputs.stop();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    await run.work(outputs.signal);
  } catch (error) {
    if (!isOutputError(error)) throw error;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    await results.close().catch(() => undefined); // a failure to close is the run's failure (outputs.failure)
    await outputs.settle();
    await run.settled?.();
  }
  const { failure } = outputs;
  if (failure !== undefined) {
    process.stderr.write(progress.finishStopped(`${failure.message} after ${results.committed} result lines`, run.howToFinish()));
    return EXIT.usage;
  }
  const interrupted = outputs.signal.aborted;
  process.stderr.write(interrupted ? progress.finishStopped(`interrupted (${progress.summary()})`, run.howToFinish()) : progress.finish());
  return interrupted || progress.tally.failed > 0 ? EXIT.refused : EXIT.ok;
}
