// `dcc-converter batch --resume` (docs/batch-and-issuance.md): continue an interrupted run without duplicates or gaps.
// Results are written in input order, so an interrupted OUT holds the results of a prefix of IN, perhaps
// followed by one partial line (the crash point). Resuming: cut OUT after its last complete line, then
// walk OUT and IN side by side — each OUT line must carry the same line number and id as the IN line it
// answers (else OUT does not belong to IN: refused) — skip those IN lines and convert the rest.
// Memory stays flat: two line readers, no set of ids, whatever the batch size.
import { createReadStream } from "node:fs";
import { open, truncate } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { parseBatchLine } from "./parse-line.js";
import { readLines, type RawLine } from "./read-lines.js";

const TAIL_BLOCK = 64 * 1024;

/** Cuts a partial last line off `path`; returns the size kept (0 for an empty or absent-newline file). */
export async function cutPartialLine(path: string): Promise<number> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const block = Buffer.alloc(TAIL_BLOCK);
    for (let end = size; end > 0; end -= TAIL_BLOCK) {
      const start = Math.max(0, end - TAIL_BLOCK);
      const { bytesRead } = await handle.read(block, 0, end - start, start);
      const lf = block.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (lf !== -1) {
        const keep = start + lf + 1;
        if (keep < size) await truncate(path, keep);
        return keep;
      }
    }
    if (size > 0) await truncate(path, 0);
    return 0;
  } finally {
    await handle.close();
  }
}

function mismatch(): never {
  throw new ConfigError("ERR_CONFIG", { field: "OUT (--resume: it does not answer the lines of IN)" });
}

/** The line number and id an OUT line answers. */
function answered(line: RawLine): { line: unknown; id: unknown } {
  try {
    const value = JSON.parse(line.text ?? "") as { line?: unknown; id?: unknown };
    return { line: value.line, id: value.id };
  } catch {
    return mismatch();
  }
}

export interface ResumeProgress {
  skipped: number;
}

/** The lines of IN that OUT (already cut after its last complete line) does not answer yet. */
export async function* skipAnswered(input: AsyncIterable<RawLine>, outPath: string, progress: ResumeProgress): AsyncGenerator<RawLine> {
  const done = readLines(createReadStream(outPath))[Symbol.asyncIterator]();
  let outExhausted = false;
  for await (const line of input) {
    if (!outExhausted) {
      const previous = await done.next();
      if (previous.done === true) {
        outExhausted = true;
      } else {
        const { line: number, id } = answered(previous.value);
        const request = parseBatchLine(line);
        if (number !== line.number || id !== request.id) mismatch();
        progress.skipped += 1;
        continue;
      }
    }
    yield line;
  }
  if (!outExhausted && (await done.next()).done !== true) mismatch(); // OUT answers more lines than IN has
}
