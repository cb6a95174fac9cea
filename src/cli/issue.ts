// `dcc-converter issue IN OUTDIR`: MEAE bulk issuance (docs/batch-and-issuance.md). IN is the day's CSV
// export (header row) or NDJSON of POST /v1/certificates payloads; every line is checked exactly as the
// endpoint checks it (src/issue/). OUTDIR (created when missing) receives one PDF per accepted line and
// `results.ndjson`, one line per request in input order; a PDF exists only with its result line. A progress bar on a
// terminal, a summary line on stderr (after a stop: which input lines have no result yet; `--resume` issues them).
// Exit 0 when every line was issued, 1 when a line was refused (or the run interrupted), 2 on usage, or when an output
// cannot be written (src/cli/outputs.ts).
import { existsSync, readFileSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import type { ServiceDeps } from "../deps.js";
import { isConverterError } from "../errors.js";
import { BatchProgress } from "../batch/progress.js";
import { runInterruptible } from "./interruptible-run.js";
import { issueCertificate } from "../issue/issue-certificate.js";
import { detectFormat, readRequests, type IssueFormat } from "../issue/read-requests.js";
import { newRunId, runIssue } from "../issue/run-issue.js";
import { resumeIssue } from "../issue/resume-issue.js";
import { renderAnswer } from "../print/render-answer.js";
import { EXIT } from "./exit.js";
import { Outputs } from "./outputs.js";
import { codeAndField, withServiceDeps } from "./service-deps.js";

export const RESULTS_FILE = "results.ndjson";

function usage(message: string): number {
  process.stderr.write(`dcc-converter issue: ${message}\n`);
  return EXIT.usage;
}

function readUtf8(path: string): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch {
    return undefined;
  }
}

interface IssueOptions {
  format?: string;
  resume?: boolean;
}

/** Removes the PDFs of this run whose result line was not written: a PDF counts only with its line (contract §5). */
async function removeUnanswered(outDir: string, written: ReadonlySet<string>, answered: ReadonlySet<string>): Promise<void> {
  const orphans = [...written].filter((file) => !answered.has(file));
  await Promise.all(orphans.map((file) => unlink(join(outDir, file)).catch(() => undefined)));
}

async function issueAll(text: string, format: IssueFormat, outDir: string, resume: boolean, deps: ServiceDeps): Promise<number> {
  const requests = readRequests(text, format);
  const skipped = resume ? await resumeIssue(outDir, RESULTS_FILE, requests) : 0;
  const pending = requests.slice(skipped);
  const progress = new BatchProgress(pending.length, process.stderr, "issue");
  progress.tally.skipped = skipped;
  const outputs = new Outputs();
  // One line at a time: a result line is on disk before the next is taken, so the PDFs it names are accounted for.
  const resultsPath = join(outDir, RESULTS_FILE);
  const results = await outputs.openLines(resultsPath, { name: RESULTS_FILE, mode: resume ? "append" : "new", chunkBytes: 0 });
  const written = new Set<string>();
  const answered = new Set<string>();
  return runInterruptible({
    progress,
    outputs,
    results,
    work: async (signal) => {
      const run = runIssue(pending, newRunId(), {
        issue: (payload) => issueCertificate(payload, deps.conversion),
        render: (conversion) => renderAnswer(conversion, "application/pdf", deps.conversion.valueSets),
        write: (file, bytes) => {
          written.add(file);
          return outputs.writeFile(join(outDir, file), file, bytes);
        },
        signal,
      });
      for await (const result of run) {
        progress.read(1);
        await results.write(result.text);
        if (result.file !== undefined) answered.add(result.file);
        progress.count(result.outcome === "OK");
      }
    },
    settled: () => removeUnanswered(outDir, written, answered),
    howToFinish: () => {
      const next = pending[results.committed];
      if (next === undefined) return "every line has its result";
      return `input lines from ${next.line} on have no result yet: run the same command again with --resume`;
    },
  });
}

export function registerIssue(program: Command): void {
  program
    .command("issue <in> <outdir>")
    .description("issue one printable certificate per line of a CSV or NDJSON file of MEAE requests, with results.ndjson")
    .option("--format <format>", "csv or ndjson (default: from IN's extension, else its first character)")
    .option("--resume", "issue only the lines OUTDIR's results.ndjson does not answer yet (after a stopped run), appending")
    .action(async (inPath: string, outDir: string, options: IssueOptions) => {
      if (options.format !== undefined && options.format !== "csv" && options.format !== "ndjson") {
        process.exitCode = usage("--format is csv or ndjson");
        return;
      }
      if (!existsSync(inPath)) {
        process.exitCode = usage("IN does not exist");
        return;
      }
      const text = readUtf8(inPath);
      if (text === undefined) {
        process.exitCode = usage("IN is not UTF-8");
        return;
      }
      try {
        new Outputs().makeDirectory(outDir, "OUTDIR");
      } catch (error) {
        process.exitCode = usage(`stopped: ${(error as Error).message}`);
        return;
      }
      if (options.resume !== true && existsSync(join(outDir, RESULTS_FILE))) {
        process.exitCode = usage(`OUTDIR already holds ${RESULTS_FILE}: choose another directory, or --resume`);
        return;
      }
      const format = (options.format as IssueFormat | undefined) ?? detectFormat(inPath, text);
      process.exitCode = await withServiceDeps(async (deps) => {
        try {
          return await issueAll(text, format, outDir, options.resume === true, deps);
        } catch (error) {
          if (!isConverterError(error)) throw error;
          return usage(codeAndField(error));
        }
      });
    });
}
