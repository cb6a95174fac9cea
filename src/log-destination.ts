// The service's log destination: standard output, written asynchronously (src/logging.ts), and what happens when it
// cannot be written (docs/operations.md, "When the log destination fails"). A conversion does not depend on its log
// line, so the service keeps serving: the first failed write of an episode is named in one line on stderr (the cause,
// never a log line), each failure is counted by system code, lines that do not fit the bounded buffer meanwhile are
// dropped and counted, and the logs resume by themselves once a write succeeds (a disk with room again). A closed pipe
// (EPIPE) does not heal: pino stops writing to it for good; the count and the stderr line say so.
import { pino, type DestinationStream } from "pino";
import { systemCode, writeFailure } from "./output-error.js";

/** Log bytes held while the destination cannot take them; beyond, lines are dropped (never unbounded memory). */
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

/** Failed writes by system code, and lines dropped: read by the metrics (src/metrics.ts). Standard output is one. */
export const logDestinationTally = { failures: new Map<string, number>(), dropped: 0 };

export function logDestination(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200, maxLength: LOG_BUFFER_BYTES });
  let failing = false;
  stream.on("error", (error: unknown) => {
    const code = systemCode(error);
    logDestinationTally.failures.set(code, (logDestinationTally.failures.get(code) ?? 0) + 1);
    if (failing) return;
    failing = true;
    const after = code === "EPIPE" ? "log lines are dropped from now on" : "log lines are held (16 MiB), then dropped, until it can";
    process.stderr.write(`dcc-converter: ${writeFailure("the logs (standard output)", error)}; serving on, ${after}\n`);
  });
  stream.on("write", () => {
    if (!failing) return;
    failing = false;
    process.stderr.write("dcc-converter: the logs (standard output) are written again\n");
  });
  stream.on("drop", () => {
    logDestinationTally.dropped += 1;
  });
  return stream;
}
