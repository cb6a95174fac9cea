// Graceful shutdown of a running batch (docs/operations.md "Shutdown"): when `signal` aborts, no further
// input line is read — even one still arriving — and a single final marker takes the place of the next
// line, so the client learns from which line to send the rest again. Lines already read are answered.

/** The marker for the first line not read because the service is draining (an ERR_SHUTTING_DOWN line). */
export interface Stopped {
  readonly stopped: true;
  readonly number: number;
}

export async function* stopLines<T extends { readonly number: number }>(lines: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T | Stopped> {
  const iterator = lines[Symbol.asyncIterator]();
  const aborted = new Promise<"stop">((resolve) => {
    if (signal.aborted) resolve("stop");
    else signal.addEventListener("abort", () => resolve("stop"), { once: true });
  });
  let last = 0;
  let waiting = false; // a next() of the source is pending: its return() would wait for it
  try {
    while (true) {
      const next = iterator.next();
      waiting = true;
      const winner = await Promise.race([next, aborted]);
      if (winner === "stop") {
        next.catch(() => undefined);
        yield { stopped: true, number: last + 1 };
        return;
      }
      waiting = false;
      if (winner.done === true) return;
      last = winner.value.number;
      yield winner.value;
    }
  } finally {
    if (!waiting) await iterator.return?.();
  }
}

export function isStopped(item: object): item is Stopped {
  return "stopped" in item;
}
