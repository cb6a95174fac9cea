// `dcc-converter merge-batches` (docs/operations.md "Batch campaigns"): the outputs of `batch --shard K/N`,
// each in input order, merged back into one output in input order. A k-way merge on `line` holding one
// pending line per file (a binary heap of N entries): memory does not grow with the campaign.
// The merged lines must be exactly 1, 2, 3, ... : a line answered twice (overlapping files) or a gap (a
// missing or unfinished shard) refuses the merge, naming the line number and file, never content.
import { ConfigError } from "../errors.js";
import { MinHeap } from "./min-heap.js";
import type { RawLine } from "./read-lines.js";

export interface ResultSource {
  /** A name for error messages (the file's path). */
  readonly name: string;
  readonly lines: AsyncIterable<RawLine>;
}

interface Cursor {
  readonly source: ResultSource;
  readonly iterator: AsyncIterator<RawLine>;
  line: number;
  text: string;
}

function refuse(reason: string): never {
  throw new ConfigError("ERR_CONFIG", { field: reason });
}

/** The `line` of a result line; a line that is not whole JSON (a shard cut short) refuses the merge. */
function lineNumberOf(raw: RawLine, source: ResultSource): number {
  let value: unknown;
  try {
    value = (JSON.parse(raw.text ?? "") as { line?: unknown } | null)?.line;
  } catch {
    value = undefined;
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    refuse(`${source.name}: its line ${raw.number} is not a result line (an interrupted shard: run it again with --resume)`);
  }
  return value;
}

async function advance(cursor: Cursor): Promise<boolean> {
  const next = await cursor.iterator.next();
  if (next.done === true) return false;
  const line = lineNumberOf(next.value, cursor.source);
  if (line <= cursor.line) refuse(`${cursor.source.name}: line ${line} after line ${cursor.line} (not in input order)`);
  cursor.line = line;
  cursor.text = next.value.text ?? "";
  return true;
}

/**
 * The result lines of every source, in `line` order; refuses a line twice, a gap, a file out of order. A gap
 * left by a missing or unfinished shard shows as a line "in no file", except after the last line any file
 * holds: `expectedLines` (the input's line count), when given, closes that hole.
 */
export async function* mergeResults(sources: readonly ResultSource[], expectedLines?: number): AsyncGenerator<string> {
  const heap = new MinHeap<Cursor>((a, b) => a.line - b.line);
  for (const source of sources) {
    const cursor: Cursor = { source, iterator: source.lines[Symbol.asyncIterator](), line: 0, text: "" };
    if (await advance(cursor)) heap.push(cursor);
  }
  let expected = 1;
  for (let cursor = heap.pop(); cursor !== undefined; cursor = heap.pop()) {
    if (cursor.line < expected) refuse(`line ${cursor.line} is in more than one file (${cursor.source.name} among them)`);
    if (cursor.line > expected) refuse(`line ${expected} is in no file (the next one, ${cursor.line}, is in ${cursor.source.name})`);
    yield cursor.text;
    expected += 1;
    if (await advance(cursor)) heap.push(cursor);
  }
  if (expectedLines !== undefined && expected - 1 !== expectedLines) {
    refuse(`the files hold ${expected - 1} lines, not ${expectedLines}: lines ${expected} to ${expectedLines} are in no file`);
  }
}
