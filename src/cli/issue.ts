// `dcc-converter issue IN OUTDIR`: MEAE bulk issuance (docs/batch-and-issuance.md). IN is the day's CSV
// export (header row) or NDJSON of POST /v1/certificates payloads; every line is checked exactly as the
// endpoint checks it (src/issue/). OUTDIR (created when missing) receives one PDF per accepted line and
// `results.ndjson`, one line per request in input order. A progress bar on a terminal, a summary line on
// stderr. Exit 0 when every line was issued, 1 when a line was refused (or the run interrupted), 2 on usage.
import { existsSync, mkdirSync, readFileSync, createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import type { Command } from "commander";
import type { ServiceDeps } from "../deps.js";
import { isConverterError } from "../errors.js";
import { BatchProgress } from "../batch/progress.js";
import { runInterruptible } from "./interruptible-run.js";
import { issueCertificate } from "../issue/issue-certificate.js";
import { detectFormat, readRequests, type IssueFormat } from "../issue/read-requests.js";
import { newRunId, runIssue } from "../issue/run-issue.js";
import { renderCertificatePdf } from "../print/certificate-pdf.js";
import { EXIT } from "./exit.js";
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

async function issueAll(text: string, format: IssueFormat, outDir: string, deps: ServiceDeps): Promise<number> {
  const requests = readRequests(text, format);
  const progress = new BatchProgress(requests.length, process.stderr, "issue");
  const out = createWriteStream(join(outDir, RESULTS_FILE), { flags: "wx" });
  return runInterruptible(progress, out, async (signal) => {
    const results = runIssue(requests, newRunId(), {
      issue: (payload) => issueCertificate(payload, deps.conversion),
      render: (conversion) => renderCertificatePdf(conversion, deps.conversion.valueSets),
      write: (file, bytes) => writeFile(join(outDir, file), bytes, { flag: "wx" }),
      signal,
    });
    for await (const result of results) {
      progress.read(1);
      progress.count(result.outcome === "OK");
      if (!out.write(`${result.text}\n`)) await once(out, "drain");
    }
  });
}

export function registerIssue(program: Command): void {
  program
    .command("issue <in> <outdir>")
    .description("issue one printable certificate per line of a CSV or NDJSON file of MEAE requests, with results.ndjson")
    .option("--format <format>", "csv or ndjson (default: from IN's extension, else its first character)")
    .action(async (inPath: string, outDir: string, options: { format?: string }) => {
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
      mkdirSync(outDir, { recursive: true });
      if (existsSync(join(outDir, RESULTS_FILE))) {
        process.exitCode = usage(`OUTDIR already holds ${RESULTS_FILE}: choose another directory`);
        return;
      }
      const format = (options.format as IssueFormat | undefined) ?? detectFormat(inPath, text);
      process.exitCode = await withServiceDeps(async (deps) => {
        try {
          return await issueAll(text, format, outDir, deps);
        } catch (error) {
          if (!isConverterError(error)) throw error;
          return usage(codeAndField(error));
        }
      });
    });
}
