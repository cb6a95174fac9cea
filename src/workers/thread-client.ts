// The one client for work that leaves the event loop: the conversion workers (conversion-pool.ts) and the PKCS#11
// vault thread (src/hsm/key-vault.ts) both use it and only say what runs in their thread (thread-server.ts).
// * ids: each call has one; replies settle it, in any order.
// * per-turn batching: calls made in the same event-loop turn leave in one message per thread (one wake-up),
//   spread evenly over the threads in chunks of at most `chunk`, each to the least loaded thread; replies come
//   back batched the same way. A call that finds a thread idle leaves at once.
// * ref/unref: a thread keeps the process alive only while it has calls in flight.
// * a bound: at most `maxPending` calls queued or in flight; past it a call is refused at once with
//   ERR_OVERLOADED naming the pool (`field`), so a flood waits nowhere (docs/operations.md, "Scaling").
// * reject-all on exit: a thread that dies fails its calls with `lostCode`; `onThreadExit` is told.
// * one respawn policy: a thread that dies is replaced at the next call; one that refused to start (it sent
//   `fatal`) is not: every call then fails with its error.
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker, WorkerOptions } from "node:worker_threads";
import { RequestError, errorOf, rebuildError, type ConverterError, type ErrorCode, type ErrorReply } from "../errors.js";

/** Main → thread: the calls of one turn. */
export type ThreadRequests<Req> = readonly { readonly id: number; readonly request: Req }[];

/** Thread → main: the replies of one turn, or the thread's refusal to start. */
export type ThreadMessage<Res> =
  | readonly (
      { readonly id: number; readonly ok: true; readonly value: Res } | ({ readonly id: number; readonly ok: false } & ErrorReply)
    )[]
  | { readonly fatal: ErrorReply };

export interface ThreadClientOptions {
  /** The pool's name in ERR_OVERLOADED's `field` ("workers", "hsm"): counted by that name in /metrics. */
  readonly name: string;
  /** Starts one thread. */
  readonly start: () => Worker;
  /** Threads in the pool (started with the first call). */
  readonly size: number;
  /** Calls queued or in flight beyond which a call is refused with ERR_OVERLOADED. */
  readonly maxPending: number;
  /** The code of a call whose thread died, or of a call made after close. */
  readonly lostCode: ErrorCode;
  /** Calls per message at most (default: all of the turn's calls for that thread). */
  readonly chunk?: number;
  /** Told when a thread exits while the client is open (the vault counts it as an outage). */
  readonly onThreadExit?: () => void;
}

/** Bytes received from a thread (a Buffer arrives as a Uint8Array) as a Buffer over the same memory, no copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface ThreadClient<Req, Res> {
  call(request: Req): Promise<Res>;
  /** Calls queued or in flight. */
  readonly pending: number;
  /** Threads running. */
  readonly threads: number;
  /** Every call in flight rejected, threads terminated; later calls fail with `lostCode`. */
  close(): Promise<void>;
}

interface Call<Req, Res> {
  readonly request: Req;
  resolve(value: Res): void;
  reject(error: unknown): void;
}
interface Thread<Req, Res> {
  readonly worker: Worker;
  readonly inFlight: Map<number, Call<Req, Res>>;
}

export function createThreadClient<Req, Res>(options: ThreadClientOptions): ThreadClient<Req, Res> {
  const chunk = options.chunk ?? Number.POSITIVE_INFINITY;
  const threads: Thread<Req, Res>[] = [];
  let queue: Call<Req, Res>[] = [];
  let inFlight = 0;
  let nextId = 0;
  let scheduled = false;
  let closed = false;
  let fatal: ConverterError | undefined;

  const lost = () => errorOf(options.lostCode);
  const settled = (thread: Thread<Req, Res>, id: number): Call<Req, Res> | undefined => {
    const call = thread.inFlight.get(id);
    if (call === undefined) return undefined;
    thread.inFlight.delete(id);
    inFlight -= 1;
    if (thread.inFlight.size === 0) thread.worker.unref();
    return call;
  };
  const rejectAll = (thread: Thread<Req, Res>, error: () => unknown) => {
    for (const id of [...thread.inFlight.keys()]) settled(thread, id)?.reject(error());
  };

  const spawn = (): Thread<Req, Res> => {
    const worker = options.start();
    const thread: Thread<Req, Res> = { worker, inFlight: new Map() };
    worker.unref();
    // Node 20: a worker unref'd before it is online is ref'd again when it comes online.
    worker.once("online", () => {
      if (thread.inFlight.size === 0) worker.unref();
    });
    worker.on("message", (message: ThreadMessage<Res>) => {
      if (!Array.isArray(message)) {
        fatal = rebuildError((message as { fatal: ErrorReply }).fatal);
        const error = fatal;
        rejectAll(thread, () => error);
        for (const call of queue.splice(0)) call.reject(error);
        void worker.terminate();
        return;
      }
      for (const reply of message as Extract<ThreadMessage<Res>, readonly unknown[]>) {
        const call = settled(thread, reply.id);
        if (call === undefined) continue;
        if (reply.ok) call.resolve(reply.value);
        else call.reject(rebuildError(reply));
      }
    });
    worker.on("error", () => undefined); // the exit that follows fails its calls
    worker.once("exit", () => {
      const index = threads.indexOf(thread);
      if (index >= 0) threads.splice(index, 1);
      rejectAll(thread, fatal === undefined ? lost : () => fatal);
      if (!closed && fatal === undefined) options.onThreadExit?.();
    });
    return thread;
  };

  const flush = () => {
    scheduled = false;
    if (closed || fatal !== undefined) return;
    while (threads.length < options.size) threads.push(spawn());
    const calls = queue;
    queue = [];
    // Spread over the threads, at most `chunk` per message: a turn's few calls keep every thread busy at once
    // instead of queueing in one of them (the latency of a lone connection's convoy of requests).
    const size = Math.min(chunk, Math.ceil(calls.length / threads.length));
    for (let start = 0; start < calls.length; start += size) {
      const thread = threads.reduce((best, t) => (t.inFlight.size < best.inFlight.size ? t : best));
      const envelopes = calls.slice(start, start + size).map((call) => {
        const id = nextId++;
        thread.inFlight.set(id, call);
        return { id, request: call.request };
      });
      inFlight += envelopes.length;
      thread.worker.ref();
      thread.worker.postMessage(envelopes satisfies ThreadRequests<Req>);
    }
  };

  return {
    call(request: Req): Promise<Res> {
      if (fatal !== undefined) return Promise.reject(fatal);
      if (closed) return Promise.reject(lost());
      if (queue.length + inFlight >= options.maxPending) {
        return Promise.reject(new RequestError("ERR_OVERLOADED", { field: options.name }));
      }
      return new Promise<Res>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        // An idle thread gets its call at once (no wait for the end of the turn: at low load a request's latency
        // is the pipeline's, and the next request of the turn overlaps it); busy threads get the turn's calls
        // together, one message each.
        if (threads.length === options.size && threads.some((thread) => thread.inFlight.size === 0)) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    get pending(): number {
      return queue.length + inFlight;
    },
    get threads(): number {
      return threads.length;
    },
    async close(): Promise<void> {
      closed = true;
      for (const call of queue.splice(0)) call.reject(lost());
      const running = [...threads];
      for (const thread of running) rejectAll(thread, lost);
      await Promise.all(running.map((thread) => thread.worker.terminate()));
    },
  };
}

// How to start a worker thread on one of our own modules, compiled or not.
// From a source checkout run through tsx, Node 20 does not apply the parent's `--import tsx` hooks to worker
// threads (measured: "Unknown file extension .ts"): the .ts module is then loaded behind a one-line bootstrap
// that registers tsx inside the worker first.
export interface WorkerScript {
  readonly script: string | URL;
  readonly options: WorkerOptions;
}

/**
 * The worker named `name` (no extension) next to the module at `fromUrl` (its `import.meta.url`):
 * the sibling with the caller's own extension, so compiled code loads .js and a tsx checkout loads .ts.
 */
export function workerScript(fromUrl: string, name: string, workerData: unknown): WorkerScript {
  const url = new URL(`./${name}${extname(fileURLToPath(fromUrl))}`, fromUrl);
  if (!url.pathname.endsWith(".ts")) return { script: url, options: { workerData } };
  const tsx = import.meta.resolve("tsx/esm/api");
  const script = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  // The parent's profiling flags only (`node --cpu-prof`: every thread writes its profile, BENCHMARKS.md).
  const execArgv = process.execArgv.filter((flag) => flag.startsWith("--cpu-prof"));
  return { script, options: { eval: true, workerData, execArgv } };
}
