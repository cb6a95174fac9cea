// Graceful shutdown of a running batch (docs/operations.md "Shutdown"): when `signal` aborts, no further
// input line is read — even one still arriving — and a single final marker takes the place of the next
// line, so the client learns from which line to send the rest again. Lines already read are answered.

/** The marker for the first line not read because the service is draining (an ERR_SHUTTING_DOWN line). */
export interface Stopped {
  readonly stopped: true;
  readonly number: number;
}

/** The settled `next`, or "stop" when `signal` aborts first (a listener per call, removed after it). */
function nextOrStop<T>(next: Promise<IteratorResult<T>>, signal: AbortSignal): Promise<IteratorResult<T> | "stop"> {
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve("stop");
    signal.addEventListener("abort", onAbort, { once: true });
    next.then(
      (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

export async function* stopLines<T extends { readonly number: number }>(
  lines: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T | Stopped> {
  const iterator = lines[Symbol.asyncIterator]();
  let last = 0;
  let waiting = false; // a next() of the source is pending: its return() would wait for it
  try {
    while (!signal.aborted) {
      const next = iterator.next();
      waiting = true;
      const winner = await nextOrStop(next, signal);
      if (winner === "stop") break;
      waiting = false;
      if (winner.done === true) return;
      last = winner.value.number;
      yield winner.value;
    }
    yield { stopped: true, number: last + 1 };
  } finally {
    if (!waiting) await iterator.return?.();
  }
}

export function isStopped(item: object): item is Stopped {
  return "stopped" in item;
}
