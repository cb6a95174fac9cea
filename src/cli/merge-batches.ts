// `dcc-converter merge-batches OUT-0 OUT-1 ... > OUT` (docs/operations.md "Batch campaigns"): the outputs of
// `batch --shard K/N` back into one NDJSON output in input order, on stdout, in constant memory
// (src/batch/merge-results.ts). Exit 0 when merged; 2 when the files are not one complete campaign
// (a line twice, a line missing, an unfinished shard; `--lines` also checks the total) or cannot be read: the message names line numbers and
// files, never content; 2 also when standard output cannot be written (src/cli/outputs.ts: whole lines are kept, the
// run stops at once). Output already written is then incomplete: merge again.
import { createReadStream, existsSync } from "node:fs";
import type { Command } from "commander";
import { isConverterError } from "../errors.js";
import { readLines } from "../batch/read-lines.js";
import { mergeResults } from "../batch/merge-results.js";
import { EXIT } from "./exit.js";
import { isOutputError } from "../output-error.js";
import { Outputs } from "./outputs.js";

function failure(message: string): number {
  process.stderr.write(`dcc-converter merge-batches: ${message}\n`);
  return EXIT.usage;
}

/** A failed write stops the merge at once; standard output, when it is a file, then holds whole lines only. */
async function merge(files: readonly string[], expectedLines: number | undefined): Promise<void> {
  const sources = files.map((name) => ({ name, lines: readLines(createReadStream(name)) }));
  const out = await new Outputs().openLines("-", { name: "standard output", mode: "append" });
  await out.writeAll(mergeResults(sources, expectedLines));
}

export function registerMergeBatches(program: Command): void {
  program
    .command("merge-batches <files...>")
    .description("merge the outputs of `batch --shard K/N` into one output in input order, on stdout")
    .option("--lines <count>", "the input's line count: refuse when lines after the files' last one are missing")
    .action(async (files: string[], options: { lines?: string }) => {
      const expectedLines = options.lines === undefined ? undefined : Number(options.lines);
      if (
        expectedLines !== undefined &&
        !(Number.isSafeInteger(expectedLines) && expectedLines >= 0 && /^\d+$/.test(options.lines ?? ""))
      ) {
        process.exitCode = failure("--lines must be a line count");
        return;
      }
      const absent = files.find((file) => !existsSync(file));
      if (absent !== undefined) {
        process.exitCode = failure(`${absent} does not exist`);
        return;
      }
      try {
        await merge(files, expectedLines);
        process.exitCode = EXIT.ok;
      } catch (error) {
        if (isOutputError(error)) process.exitCode = failure(`stopped: ${error.message} — the output is incomplete: merge again`);
        else if (isConverterError(error)) process.exitCode = failure(error.field ?? error.code);
        else throw error;
      }
    });
}
