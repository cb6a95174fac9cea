// Graceful shutdown as Kubernetes expects it (docs/operations.md "Shutdown"): readiness off at once;
// the public listener keeps serving SHUTDOWN_DELAY_SECONDS, while load balancers stop routing to it;
// then it stops accepting and in-flight requests drain (a running batch answers the lines it has read
// and ends with one ERR_SHUTTING_DOWN line); the HSM and the workers close; the operations listener
// closes last, so probes and metrics answer until the end.
import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./logging.js";
import type { Readiness } from "./ops/readiness.js";

/** The bound of the drain: a request still running this long after the public listener closed is cut. */
export const DRAIN_SECONDS = 10;
/** The operations listener only serves short probes: this bound is for a scrape caught mid-way. */
const OPS_CLOSE_SECONDS = 2;

export interface ShutdownParts {
  readonly logger: Logger;
  readonly readiness: Readiness;
  /** Aborted when the drain starts: running batches stop reading (src/batch/stop-lines.ts). */
  readonly stopping: AbortController;
  readonly server: Server;
  readonly opsServer: Server;
  /** Closes what the requests used: the conversion workers and the HSM. */
  readonly release: () => Promise<void>;
}

/** Stops accepting, waits for the open connections to end, and cuts those still open after `boundSeconds`. */
async function closeServer(server: Server, boundSeconds: number): Promise<boolean> {
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    server.closeAllConnections();
  }, boundSeconds * 1000);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(timer);
  return !cut;
}

export async function shutDown(parts: ShutdownParts, delaySeconds: number): Promise<void> {
  const { logger } = parts;
  parts.readiness.stop();
  if (delaySeconds > 0) {
    logger.info({ event: "shutdown-delay", delaySeconds }, "not ready; still serving while load balancers stop routing");
    await sleep(delaySeconds * 1000);
  }
  logger.info({ event: "draining" }, "closing the public listener; finishing in-flight requests");
  parts.stopping.abort();
  const drained = await closeServer(parts.server, DRAIN_SECONDS);
  if (!drained) logger.warn({ event: "drain-cut", drainSeconds: DRAIN_SECONDS }, "requests still running at the drain bound were cut");
  await parts.release();
  await closeServer(parts.opsServer, OPS_CLOSE_SECONDS);
}
