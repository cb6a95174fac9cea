// Result lines to a file or standard output, in chunks of about 64 KiB: one write per ~200 lines, not one per line,
// waiting for `drain` whenever the stream says it is full (back-pressure). Used by `batch` and `merge-batches`.
import { once } from "node:events";
import type { Writable } from "node:stream";

const WRITE_CHUNK = 64 * 1024;

/** Writes each text and its LF. With `signal`, an abort (the run interrupted) ends a wait for `drain` at once. */
export async function writeLines(out: Writable, texts: AsyncIterable<string>, signal?: AbortSignal): Promise<void> {
  const drained = () => (signal === undefined ? once(out, "drain") : once(out, "drain", { signal }).catch(() => undefined));
  let chunk = "";
  for await (const text of texts) {
    chunk += `${text}\n`;
    if (chunk.length < WRITE_CHUNK) continue;
    const room = out.write(chunk);
    chunk = "";
    if (!room) await drained();
  }
  if (chunk !== "" && !out.write(chunk)) await drained();
}
