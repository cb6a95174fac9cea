// `dcc-converter issue --resume` (docs/batch-and-issuance.md): finish a run that stopped (an output that could not be
// written, an interrupt, a crash) without issuing any certificate twice. results.ndjson is written in input order, one
// line each, and a PDF counts only with its result line: so the lines of IN it answers are a prefix of the requests
// (after its torn last line, if any, is cut), those are skipped, and a PDF of ours that no result line names is the
// trace of a stopped run — its certificate never reached anyone — and is removed before the rest is issued.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { unlink } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import { cutPartialLine } from "../batch/resume.js";
import type { IssueRequest } from "./read-requests.js";

/** How `issue` names its PDFs: `<line>-<run id>.pdf` (src/issue/run-issue.ts). */
const OUR_PDF = /^\d+-[0-9a-f]{8}\.pdf$/;

function mismatch(resultsFile: string): never {
  throw new ConfigError("ERR_CONFIG", { field: `OUTDIR/${resultsFile} (--resume: it does not answer the lines of IN)` });
}

interface Answered {
  readonly line: unknown;
  readonly file?: unknown;
}

/**
 * The number of requests already answered in OUTDIR's results file (0 when it is absent); PDFs of ours without a
 * result line are removed. Refuses a results file that does not answer a prefix of these requests.
 */
export async function resumeIssue(outDir: string, resultsFile: string, requests: readonly IssueRequest[]): Promise<number> {
  const path = join(outDir, resultsFile);
  if (!existsSync(path)) return 0;
  await cutPartialLine(path);
  const named = new Set<string>();
  const answered = readFileSync(path, "utf8")
    .split("\n")
    .filter((text) => text !== "");
  if (answered.length > requests.length) mismatch(resultsFile);
  answered.forEach((text, k) => {
    let result: Answered;
    try {
      result = JSON.parse(text) as Answered;
    } catch {
      mismatch(resultsFile);
    }
    if (result.line !== requests[k]!.line) mismatch(resultsFile);
    if (typeof result.file === "string") named.add(result.file);
  });
  const orphans = readdirSync(outDir).filter((file) => OUR_PDF.test(file) && !named.has(file));
  await Promise.all(orphans.map((file) => unlink(join(outDir, file))));
  return answered.length;
}
