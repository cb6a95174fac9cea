// The one way the command line writes what it produces (the service contract §5, "an output that cannot be written"):
// result lines (`batch`, `issue`, `merge-batches`) and whole files (`issue`'s PDFs, `revoke`'s list and batches,
// `convert --pdf`). The first write that fails — ENOSPC, EPIPE, EACCES, EIO — is kept as the run's failure and aborts
// `signal`, so the work stops reading, converting and signing at once; the command then says it in one line, exit 2.
// What was written stays consistent: a line output holds whole lines only (a torn last line is cut off a file), a whole
// file is complete or absent (a partial one is removed). docs/operations.md, "When an output cannot be written".
import { close, fstat, ftruncate, mkdirSync, open, write } from "node:fs";
import { unlink, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { OutputError, isOutputError } from "../output-error.js";

const openFd = promisify(open);
const writeFd = promisify(write);
const truncateFd = promisify(ftruncate);
const closeFd = promisify(close);
const statFd = promisify(fstat);

/** Result lines leave in chunks of about 64 KiB (one write per ~100 lines, BENCHMARKS.md "Batch"); 0 = every line. */
export const WRITE_CHUNK = 64 * 1024;
const LF = 0x0a;

export interface LineOutput {
  /** How the operator names it in the stop line: `OUT`, `standard output`, `results.ndjson`. */
  readonly name: string;
  /** `new` refuses an existing file; `append` continues one (`--resume`). */
  readonly mode: "new" | "replace" | "append";
  /** Bytes gathered before a write: WRITE_CHUNK for throughput, 0 when each line must land before the next step. */
  readonly chunkBytes?: number;
}

export class Outputs {
  readonly #controller = new AbortController();
  #failure: OutputError | undefined;
  #settled = false;
  readonly #pending = new Set<Promise<unknown>>();

  /** Aborts on the first failed write, or on `stop()` (SIGINT, SIGTERM). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get failure(): OutputError | undefined {
    return this.#failure;
  }

  stop(): void {
    this.#controller.abort();
  }

  /** Records the run's first failure (later ones are its consequences) and stops the work; returns the failure. */
  fail(output: string, error: unknown): OutputError {
    this.#failure ??= isOutputError(error) ? error : new OutputError(output, error);
    this.#controller.abort();
    return this.#failure;
  }

  /** Creates a directory (and its parents) for outputs; a failure is the run's (EACCES, ENOSPC, EROFS). */
  makeDirectory(path: string, name: string): void {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      throw this.fail(name, error);
    }
  }

  /** One whole file (by default never over an existing one): complete, or removed and the run failed. */
  async writeFile(path: string, name: string, bytes: Uint8Array | string, replace = false): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#settled) throw new TypeError("write after the outputs were settled");
    const written = writeFile(path, bytes, { flag: replace ? "w" : "wx" }).catch(async (error: unknown) => {
      // EEXIST: the file is not ours to remove.
      if ((error as { code?: unknown }).code !== "EEXIST") await unlink(path).catch(() => undefined);
      throw this.fail(name, error);
    });
    this.#pending.add(written);
    try {
      await written;
    } finally {
      this.#pending.delete(written);
    }
  }

  /** Refuses further files and waits for those being written: after it, the set of files on disk is final. */
  async settle(): Promise<void> {
    this.#settled = true;
    await Promise.allSettled([...this.#pending]);
  }

  /** A line output: a file (`-` = standard output). Opening it may fail like a write (EACCES, ENOSPC). */
  async openLines(path: string, output: LineOutput): Promise<LineWriter> {
    try {
      if (path === "-") {
        // Standard output redirected to a file is written like one (exact bytes, whole lines); a pipe or a terminal as a stream.
        const stdout = await statFd(1);
        return stdout.isFile() ? new LineWriter(this, output, 1, stdout.size) : new LineWriter(this, output);
      }
      const fd = await openFd(path, { new: "wx", replace: "w", append: "a" }[output.mode]);
      return new LineWriter(this, output, fd, (await statFd(fd)).size);
    } catch (error) {
      throw this.fail(output.name, error);
    }
  }
}

/** One line on standard output (`convert`, `verify`, `decode-2ddoc`); a failed write throws its OutputError (exit 2). */
export async function printLine(text: string, outputs: Outputs = new Outputs()): Promise<void> {
  const out = await outputs.openLines("-", { name: "standard output", mode: "append", chunkBytes: 0 });
  await out.write(text);
  await out.close();
}

function countLines(data: Buffer, end: number): number {
  let count = 0;
  for (let at = data.indexOf(LF); at !== -1 && at < end; at = data.indexOf(LF, at + 1)) count += 1;
  return count;
}

/** Standard output when it is a pipe or a terminal: the stream's callback says whether the chunk left. */
function writeStream(data: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(data, (error) => (error ? reject(error) : resolve())));
}

/**
 * Result lines with LF, in chunks, each chunk written before the next is taken (back-pressure). On a file (or standard
 * output redirected to one) the bytes on disk are known exactly, so a failed write is cut back to its last whole line.
 */
export class LineWriter {
  readonly #outputs: Outputs;
  readonly #output: LineOutput;
  readonly #fd: number | undefined;
  /** Bytes of whole lines in the file (its size at opening, then every complete chunk). */
  #size: number;
  #chunk = "";
  #chunkLines = 0;
  #committed = 0;

  constructor(outputs: Outputs, output: LineOutput, fd?: number, size = 0) {
    this.#outputs = outputs;
    this.#output = output;
    this.#fd = fd;
    this.#size = size;
  }

  /** Lines of this run wholly written. */
  get committed(): number {
    return this.#committed;
  }

  async write(text: string): Promise<void> {
    this.#chunk += `${text}\n`;
    this.#chunkLines += 1;
    if (this.#chunk.length >= (this.#output.chunkBytes ?? WRITE_CHUNK)) await this.flush();
  }

  /** Every text of `texts`, then the last chunk. */
  async writeAll(texts: AsyncIterable<string>): Promise<void> {
    for await (const text of texts) await this.write(text);
    await this.flush();
  }

  async flush(): Promise<void> {
    const failure = this.#outputs.failure;
    if (failure !== undefined) throw failure;
    if (this.#chunk === "") return;
    const lines = this.#chunkLines;
    const text = this.#chunk;
    this.#chunk = "";
    this.#chunkLines = 0;
    if (this.#fd === undefined) {
      await writeStream(text).catch((error: unknown) => Promise.reject(this.#outputs.fail(this.#output.name, error)));
    } else {
      await this.#writeFile(this.#fd, Buffer.from(text));
    }
    this.#committed += lines;
  }

  async #writeFile(fd: number, data: Buffer): Promise<void> {
    let done = 0;
    try {
      while (done < data.length) done += (await writeFd(fd, data, done, data.length - done, null)).bytesWritten;
    } catch (error) {
      const whole = done === 0 ? 0 : data.lastIndexOf(LF, done - 1) + 1;
      this.#committed += countLines(data, whole);
      this.#size += whole;
      await truncateFd(fd, this.#size).catch(() => undefined);
      throw this.#outputs.fail(this.#output.name, error);
    }
    this.#size += data.length;
  }

  /** Writes what is left (unless the run failed) and closes the file; standard output stays open. */
  async close(): Promise<void> {
    try {
      if (this.#outputs.failure === undefined) await this.flush();
    } finally {
      if (this.#fd !== undefined && this.#fd !== 1) {
        await closeFd(this.#fd).catch((error: unknown) => this.#outputs.fail(this.#output.name, error));
      }
    }
  }
}
