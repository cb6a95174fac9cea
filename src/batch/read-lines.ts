// Splitting an NDJSON byte stream into numbered lines (README, batch: one output line per input
// line, `line` = 1-based input line number). Memory stays flat: at most one line (bounded by
// `maxLineBytes`) is held; a longer line is discarded up to its newline and reported as too long,
// so a missing newline cannot make the reader buffer an unbounded stream. A line's pieces are kept as
// they arrive and copied together once, at its end: however small the chunks, each byte is copied once.
// Line rules (docs/batch-and-issuance.md): LF ends a line, a CR before it is dropped; the empty text
// after the final LF is not a line; an empty line in the middle IS a line (it gets an error line).

export interface RawLine {
  /** 1-based line number in the input. */
  readonly number: number;
  /** The line's text (UTF-8), or undefined when it exceeded maxLineBytes. */
  readonly text: string | undefined;
  /** Bytes the line took in the input, its LF included. */
  readonly bytes: number;
}

/** A 2D-DOC is under 1.5 KB; 64 KiB leaves room for deep links and long ids without risking memory. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;

function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  return bytes.toString("utf8", 0, end);
}

export async function* readLines(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let discarding = false; // inside a line already known to be too long
  let discardedBytes = 0;
  let number = 0;
  for await (const chunk of source) {
    let data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let lf = data.indexOf(LF, start); lf !== -1; lf = data.indexOf(LF, start)) {
      number += 1;
      if (discarding) {
        yield { number, text: undefined, bytes: discardedBytes + lf - start + 1 };
        discarding = false;
        discardedBytes = 0;
      } else {
        const piece = data.subarray(start, lf);
        const line = pendingBytes === 0 ? piece : Buffer.concat([...pending, piece], pendingBytes + piece.length);
        pending = [];
        pendingBytes = 0;
        const tooLong = line.length > maxLineBytes;
        yield { number, text: tooLong ? undefined : decodeLine(line), bytes: line.length + 1 };
      }
      start = lf + 1;
    }
    data = data.subarray(start);
    if (discarding) {
      discardedBytes += data.length;
    } else if (pendingBytes + data.length > maxLineBytes) {
      discarding = true;
      discardedBytes = pendingBytes + data.length;
      pending = [];
      pendingBytes = 0;
    } else if (data.length > 0) {
      // Copy: the caller's chunk may be reused once we return to it.
      pending.push(Buffer.from(data));
      pendingBytes += data.length;
    }
  }
  // A final line without LF is a line; the empty rest after a final LF is not (documented).
  if (discarding) yield { number: number + 1, text: undefined, bytes: discardedBytes };
  else if (pendingBytes > 0) yield { number: number + 1, text: decodeLine(Buffer.concat(pending, pendingBytes)), bytes: pendingBytes };
}
