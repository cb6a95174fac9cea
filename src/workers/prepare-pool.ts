// The CPU stages of every conversion (normalise → parse → verify → map, `prepareConversion`) in a pool of
// worker threads, for single conversions, TousAntiCovid and batches alike: the event loop keeps serving
// while the 2D-DOC signatures are verified (BENCHMARKS.md, "HTTP conversion endpoint"). Documents queue up
// and are handed over in chunks (one message per CHUNK documents queued in the same loop turn) to the least
// loaded worker. Workers start with the first document and are unref'd when idle, so they never keep a
// finished process alive. A worker that dies is replaced; its in-flight documents fail with ERR_INTERNAL.
import { Worker } from "node:worker_threads";
import type { Config } from "../config.js";
import { prepareConversion, type PreparationDeps, type PreparedConversion } from "../convert.js";
import { ConverterError, type ErrorCode } from "../errors.js";
import { rebuildError } from "./thread-errors.js";
import type { PrepareReply, PrepareResult } from "./prepare-protocol.js";
import { workerScript } from "./worker-script.js";

/** The CPU stages of a conversion, run somewhere (worker threads or inline). */
export interface Preparer {
  prepare(document: string): Promise<PreparedConversion>;
  close(): Promise<void>;
}

const CHUNK = 32;

interface Task { readonly document: string; resolve(p: PreparedConversion): void; reject(e: unknown): void }
interface Slot { worker: Worker; load: number; readonly inFlight: Map<number, readonly Task[]> }

function settle(task: Task, result: PrepareResult | undefined): void {
  if (result === undefined) task.reject(new ConverterError("ERR_INTERNAL"));
  else if (result.ok) task.resolve(result.prepared);
  else task.reject(rebuildError(result));
}

export function createWorkerPool(config: Config, size: number): Preparer {
  // worker-script.ts: the compiled .js sibling, or the .ts one behind a tsx bootstrap in a source checkout.
  const { script, options } = workerScript(import.meta.url, "prepare-worker", config);
  const queue: Task[] = [];
  let nextId = 0;
  let scheduled = false;
  let fatal: ErrorCode | undefined;
  let closing = false;
  const slots: Slot[] = [];

  const failSlot = (slot: Slot, code: ErrorCode) => {
    for (const tasks of slot.inFlight.values()) for (const task of tasks) task.reject(new ConverterError(code));
    slot.inFlight.clear();
    slot.load = 0;
  };
  const spawn = (slot?: Slot): Slot => {
    const worker = new Worker(script, options);
    worker.unref();
    // Node 20: a worker unref'd before it is online is ref'd again when it comes online — unref it again then.
    worker.once("online", () => { if (current.load === 0) worker.unref(); });
    const current: Slot = slot ?? { worker, load: 0, inFlight: new Map() };
    current.worker = worker;
    worker.on("message", (reply: PrepareReply) => {
      if ("fatal" in reply) {
        fatal = reply.fatal;
        failSlot(current, reply.fatal);
        for (const task of queue.splice(0)) task.reject(new ConverterError(reply.fatal));
        return;
      }
      const tasks = current.inFlight.get(reply.id) ?? [];
      current.inFlight.delete(reply.id);
      current.load -= tasks.length;
      tasks.forEach((task, index) => settle(task, reply.results[index]));
      if (current.load === 0) worker.unref();
    });
    worker.on("error", () => failSlot(current, "ERR_INTERNAL"));
    worker.on("exit", () => {
      failSlot(current, "ERR_INTERNAL");
      if (!closing && fatal === undefined) spawn(current);
    });
    return current;
  };
  const flush = () => {
    scheduled = false;
    if (closing) return;
    while (slots.length < size) slots.push(spawn());
    while (queue.length > 0) {
      const slot = slots.reduce((best, s) => (s.load < best.load ? s : best));
      const tasks = queue.splice(0, CHUNK);
      const id = nextId++;
      slot.inFlight.set(id, tasks);
      slot.load += tasks.length;
      slot.worker.ref();
      slot.worker.postMessage({ id, documents: tasks.map((t) => t.document) });
    }
  };

  return {
    prepare(document: string): Promise<PreparedConversion> {
      if (fatal !== undefined) return Promise.reject(new ConverterError(fatal));
      if (closing) return Promise.reject(new ConverterError("ERR_INTERNAL"));
      return new Promise((resolve, reject) => {
        queue.push({ document, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close(): Promise<void> {
      closing = true;
      for (const task of queue.splice(0)) task.reject(new ConverterError("ERR_INTERNAL"));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/** The same stages on the calling thread (CONVERSION_WORKERS=0, unit tests). */
export function createInlinePreparer(deps: PreparationDeps): Preparer {
  return {
    prepare: async (document) => prepareConversion(document, deps),
    close: async () => undefined,
  };
}

/** CONVERSION_WORKERS threads, or the calling thread when it is 0. */
export function createPreparer(config: Config, deps: PreparationDeps): Preparer {
  return config.conversionWorkers > 0 ? createWorkerPool(config, config.conversionWorkers) : createInlinePreparer(deps);
}
