// The ordered, bounded pipeline of a batch (same order, memory flat, back-pressure: docs/batch-and-issuance.md).
// At most `concurrency` items are in flight; results are yielded in input order. Back-pressure is
// pull-based: the source is read only when the consumer asks for the next result and the window has
// room, so a slow reader (a slow HTTP client, a slow disk) stops the input being read.
// The source may be an array (or any iterable) as well as a stream.
// `work` must not reject (batch lines turn refusals into error results); a rejection still propagates.

/**
 * Marks a window item as observed at once: an item may reject while the consumer still awaits an earlier one (a
 * failed write in `issue` while the line before it is being signed), and an unobserved rejection ends the process.
 * The rejection still reaches the consumer when the item's turn comes (`yield await head`).
 */
function observed<O>(item: Promise<O>): Promise<O> {
  item.catch(() => undefined);
  return item;
}

export async function* mapOrdered<I, O>(
  source: AsyncIterable<I> | Iterable<I>,
  work: (item: I) => Promise<O>,
  concurrency: number,
  signal?: AbortSignal,
): AsyncGenerator<O> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError("concurrency must be a positive integer");
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const window: Promise<O>[] = [];
  let exhausted = false;
  try {
    while (true) {
      while (!exhausted && window.length < concurrency && signal?.aborted !== true) {
        const next = await iterator.next();
        if (next.done === true) exhausted = true;
        else window.push(observed(work(next.value)));
      }
      // Aborted: return with every in-flight item still in the window, so `finally` observes each one (an item
      // shifted out and dropped would reject unobserved: an unhandled rejection ends the process).
      if (signal?.aborted === true) return;
      const head = window.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    // Stop reading the source (closes an HTTP request / file stream); let in-flight work settle quietly.
    for (const pending of window) pending.catch(() => undefined);
    if (!exhausted) await iterator.return?.();
  }
}
