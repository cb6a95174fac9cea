// `dcc-converter batch IN OUT`: NDJSON to NDJSON with the per-line contract of the batch endpoint
// (src/batch/, docs/batch-and-issuance.md), `-` for stdin/stdout, a progress bar on a terminal and a summary
// line on stderr, `--resume` to continue an interrupted run (src/batch/resume.ts), `--shard K/N` to convert
// one shard of a campaign (src/batch/shard.ts). Exit 0 when every line converted, 1 when a line was refused
// (or the run was interrupted), 2 on usage or configuration, or when OUT cannot be written (src/cli/outputs.ts).
import { createReadStream, existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import type { ServiceDeps } from "../deps.js";
import { isConverterError } from "../errors.js";
import { readLines, type RawLine } from "../batch/read-lines.js";
import { runBatch } from "../batch/run-batch.js";
import { cutPartialLine, skipAnswered } from "../batch/resume.js";
import { parseShard, takeShard, type Shard } from "../batch/shard.js";
import { BatchProgress } from "../batch/progress.js";
import { runInterruptible } from "./interruptible-run.js";
import { Outputs } from "./outputs.js";
import { EXIT } from "./exit.js";
import { FORMATS, type Format } from "../format.js";
import { codeAndField, withServiceDeps } from "./service-deps.js";

interface BatchCommandOptions {
  resume?: boolean;
  shard?: string;
  format?: string;
}

function usage(message: string): number {
  process.stderr.write(`dcc-converter batch: ${message}\n`);
  return EXIT.usage;
}

async function* countBytes(lines: AsyncIterable<RawLine>, progress: BatchProgress): AsyncGenerator<RawLine> {
  for await (const line of lines) {
    progress.read(line.bytes);
    yield line;
  }
}

async function convertAll(
  inPath: string,
  outPath: string,
  options: BatchCommandOptions & { format: Format },
  shard: Shard | undefined,
  deps: ServiceDeps,
): Promise<number> {
  const progress = new BatchProgress(inPath === "-" ? undefined : statSync(inPath).size);
  let lines: AsyncIterable<RawLine> = countBytes(readLines(inPath === "-" ? process.stdin : createReadStream(inPath)), progress);
  if (shard !== undefined) lines = takeShard(lines, shard);
  if (options.resume === true && existsSync(outPath)) {
    await cutPartialLine(outPath);
    lines = skipAnswered(lines, outPath, progress.tally);
  }
  const outputs = new Outputs();
  const name = outPath === "-" ? "standard output" : "OUT";
  const results = await outputs.openLines(outPath, { name, mode: options.resume === true ? "append" : "replace" });
  return runInterruptible({
    progress,
    outputs,
    results,
    work: async (signal) => {
      const convert = (document: string) => deps.converter.convert(document);
      const seal = (document: string) => deps.converter.seal(document);
      async function* counted() {
        for await (const result of runBatch(lines, { convert, seal, format: options.format, signal })) {
          progress.count(result.outcome === "OK");
          yield result.text;
        }
      }
      await results.writeAll(counted());
    },
    howToFinish: () =>
      outPath === "-"
        ? "the input lines after the last result written have none (OUT as a file allows --resume)"
        : "run the same command again with --resume to answer the rest",
  });
}

export function registerBatch(program: Command): void {
  program
    .command("batch <in> <out>")
    .description('convert NDJSON lines {"id", "document"} to NDJSON results, in order (`-` = stdin/stdout)')
    .option("--resume", "skip the input lines already answered in OUT (after an interrupted run) and append the rest")
    .option("--shard <K/N>", "convert only the lines with (line - 1) mod N = K, keeping their line numbers (merge with merge-batches)")
    .option("--format <format>", "dcc (EU DCC) or icao (ICAO VDS-NC seal) for the lines that name no format", "dcc")
    .action(async (inPath: string, outPath: string, options: BatchCommandOptions) => {
      const format = FORMATS.find((name) => name === options.format);
      if (format === undefined) {
        process.exitCode = usage("ERR_FORMAT (--format)");
        return;
      }
      const shard = options.shard === undefined ? undefined : parseShard(options.shard);
      if (options.shard !== undefined && shard === undefined) {
        process.exitCode = usage("--shard must be K/N with 0 <= K < N");
        return;
      }
      if (inPath !== "-" && !existsSync(inPath)) {
        process.exitCode = usage("IN does not exist");
        return;
      }
      if (outPath !== "-" && !existsSync(dirname(outPath))) {
        process.exitCode = usage("the directory of OUT does not exist");
        return;
      }
      if (options.resume === true && outPath === "-") {
        process.exitCode = usage("--resume needs OUT to be a file");
        return;
      }
      process.exitCode = await withServiceDeps(async (deps) => {
        try {
          return await convertAll(inPath, outPath, { ...options, format }, shard, deps);
        } catch (error) {
          if (!isConverterError(error)) throw error;
          return usage(codeAndField(error));
        }
      });
    });
}
