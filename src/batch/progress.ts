// Progress of `dcc-converter batch` and `issue`: a bar on stderr when stderr is a terminal (done, failed,
// rate, ETA), and always one summary line at the end. The bar runs on input bytes (the input's size is
// known without reading it twice; `issue` counts requests instead); when the size is unknown (stdin) it
// shows the counts only.
import cliProgress from "cli-progress";

export interface BatchTally {
  converted: number;
  failed: number;
  skipped: number;
  bytes: number;
}

const UPDATE_EVERY = 200;

export class BatchProgress {
  readonly tally: BatchTally = { converted: 0, failed: 0, skipped: 0, bytes: 0 };
  readonly #started = process.hrtime.bigint();
  readonly #bar: cliProgress.SingleBar | undefined;
  #sinceUpdate = 0;

  readonly #command: string;

  constructor(totalBytes: number | undefined, stream: NodeJS.WriteStream = process.stderr, command: "batch" | "issue" = "batch") {
    this.#command = command;
    if (stream.isTTY !== true) return;
    const known = totalBytes !== undefined && totalBytes > 0;
    this.#bar = new cliProgress.SingleBar(
      {
        stream,
        fps: 5,
        etaBuffer: 50,
        hideCursor: true,
        format: known
          ? "{bar} {percentage}% | {done} done, {failed} failed | {rate}/s | ETA {eta_formatted}"
          : "{done} done, {failed} failed | {rate}/s",
      },
      cliProgress.Presets.shades_classic,
    );
    this.#bar.start(known ? totalBytes : 1, 0, this.#payload());
  }

  #rate(): number {
    const seconds = Number(process.hrtime.bigint() - this.#started) / 1e9;
    return seconds > 0 ? (this.tally.converted + this.tally.failed) / seconds : 0;
  }

  #payload() {
    return { done: this.tally.converted + this.tally.failed, failed: this.tally.failed, rate: Math.round(this.#rate()) };
  }

  /** Input bytes read so far (the bar's position). */
  read(bytes: number): void {
    this.tally.bytes += bytes;
  }

  count(ok: boolean): void {
    if (ok) this.tally.converted += 1;
    else this.tally.failed += 1;
    this.#sinceUpdate += 1;
    if (this.#bar !== undefined && this.#sinceUpdate >= UPDATE_EVERY) {
      this.#sinceUpdate = 0;
      this.#bar.update(this.tally.bytes, this.#payload());
    }
  }

  /** Stops the bar and returns the summary line (counts and rate only: no content). */
  finish(): string {
    return `${this.#command}: ${this.summary()}\n`;
  }

  /** The last line of a run that stopped early: why (an interrupt, an output that cannot be written), then the way on. */
  finishStopped(reason: string, howToFinish: string): string {
    this.#bar?.stop();
    return `${this.#command}: stopped: ${reason} — ${howToFinish}\n`;
  }

  /** The counts and the rate (stops the bar). */
  summary(): string {
    this.#bar?.update(this.tally.bytes, this.#payload());
    this.#bar?.stop();
    const seconds = Number(process.hrtime.bigint() - this.#started) / 1e9;
    const { converted, failed, skipped } = this.tally;
    const parts = [`${converted + failed} lines`, `${converted} ${this.#command === "batch" ? "converted" : "issued"}`, `${failed} failed`];
    if (skipped > 0) parts.push(`${skipped} already in ${this.#command === "batch" ? "OUT" : "OUTDIR"} (skipped)`);
    parts.push(`${Math.round(this.#rate())} lines/s`, `${seconds.toFixed(1)} s`);
    return parts.join(", ");
  }
}
