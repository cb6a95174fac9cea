// The batch limits (docs/batch-and-issuance.md): at most `maxLines` lines and `maxBytes` bytes
// per batch. The lines within the limits are answered as usual; the first line beyond them is not
// processed — a single final marker replaces it and the input is no longer read.
import type { RawLine } from "./read-lines.js";

export interface BatchLimits {
  readonly maxLines: number;
  readonly maxBytes: number;
}

/** The marker for the first line beyond a limit (it becomes an ERR_BATCH_TOO_LARGE result line). */
export interface OverLimit {
  readonly overLimit: true;
  readonly number: number;
}

export async function* limitLines(lines: AsyncIterable<RawLine>, limits: BatchLimits): AsyncGenerator<RawLine | OverLimit> {
  let bytes = 0;
  for await (const line of lines) {
    bytes += line.bytes;
    if (line.number > limits.maxLines || bytes > limits.maxBytes) {
      yield { overLimit: true, number: line.number };
      return;
    }
    yield line;
  }
}

export function isOverLimit(item: RawLine | OverLimit): item is OverLimit {
  return "overLimit" in item;
}
