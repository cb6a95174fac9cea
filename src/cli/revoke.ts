// `dcc-converter revoke IN OUTDIR` (docs/revocation.md): NDJSON lines `{"document": "<2D-DOC>"}` or
// `{"uvci": "URN:UVCI:…"}` in (blank lines skipped, `-` = stdin); OUTDIR (created when missing) receives
// `revocation-list.txt`, the lines to add to REVOCATION_LIST, and `batch-<hashType>-<n>.json` (+ `.cms` with an
// upload signer) for the EU gateway. Refused lines are reported on stderr by line number and code only.
// An OUTDIR that already holds outputs is refused (two runs never mix: hashes not yet uploaded would be overwritten);
// files are created, never overwritten, and never through a symlink. The list ends with its `# end <N>` line.
// Exit 0 when every line gave its hashes, 1 when a line was refused, 2 on usage or configuration, or when an output
// cannot be written (src/cli/outputs.ts).
import { createReadStream, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { ServiceDeps } from "../deps.js";
import { isConverterError, type ErrorCode } from "../errors.js";
import { readLines, type RawLine } from "../batch/read-lines.js";
import { errorResult } from "../batch/result-line.js";
import { isRevokedEntry, revokeAll, type RevocationItem } from "../revocation/revoke-items.js";
import { batchesOf, listLinesOf, type SignedBatch } from "../revocation/revocation-report.js";
import { revocationListText } from "../revocation/list-file.js";
import { EXIT } from "./exit.js";
import { isOutputError, type OutputError } from "../output-error.js";
import { Outputs } from "./outputs.js";
import { codeAndField, withServiceDeps } from "./service-deps.js";

const LIST_FILE = "revocation-list.txt";

interface ReadItems {
  readonly items: RevocationItem[];
  /** Input line of each item (same index), for the report on stderr. */
  readonly lineOf: number[];
  readonly malformed: number[];
}

function itemOf(raw: RawLine, counters: { document: number; uvci: number }): RevocationItem | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw.text ?? "");
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length !== 1) return undefined;
  const { document, uvci } = value as Record<string, unknown>;
  if (typeof document === "string") return { source: "document", index: counters.document++, input: document };
  if (typeof uvci === "string") return { source: "uvci", index: counters.uvci++, input: uvci };
  return undefined;
}

async function readItems(inPath: string): Promise<ReadItems> {
  const counters = { document: 0, uvci: 0 };
  const items: RevocationItem[] = [];
  const lineOf: number[] = [];
  const malformed: number[] = [];
  for await (const raw of readLines(inPath === "-" ? process.stdin : createReadStream(inPath))) {
    if (raw.text !== undefined && raw.text.trim() === "") continue;
    const item = itemOf(raw, counters);
    if (item === undefined) malformed.push(raw.number);
    else {
      items.push(item);
      lineOf.push(raw.number);
    }
  }
  return { items, lineOf, malformed };
}

function errorLine(line: number, code: ErrorCode): string {
  return `${errorResult(line, undefined, code).text}\n`;
}

/** A file `revoke` writes: the list, or a batch (`batch-<hashType>-<n>.json` / `.cms`). */
function isOutput(name: string): boolean {
  return name === LIST_FILE || /^batch-[A-Z0-9]+-\d+\.(?:json|cms)$/.test(name);
}

/** The name of an output OUTDIR already holds, if any (a missing OUTDIR holds none; a symlink so named counts). */
function usedOutput(outDir: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  return readdirSync(outDir).find(isOutput);
}

/**
 * The batches, then the list, each file whole or absent (src/cli/outputs.ts); the first write that fails stops at once.
 * The list comes last: a present list says every batch was written (docs/operations.md, "When an output cannot be written").
 */
async function writeOutputs(outDir: string, listText: string, batches: readonly SignedBatch[]): Promise<void> {
  const outputs = new Outputs();
  outputs.makeDirectory(outDir, "OUTDIR");
  const numbers = new Map<string, number>();
  for (const batch of batches) {
    const n = (numbers.get(batch.hashType) ?? 0) + 1;
    numbers.set(batch.hashType, n);
    const name = `batch-${batch.hashType}-${n}`;
    await outputs.writeFile(join(outDir, `${name}.json`), `${name}.json`, batch.json);
    if (batch.cms !== undefined) await outputs.writeFile(join(outDir, `${name}.cms`), `${name}.cms`, batch.cms);
  }
  await outputs.writeFile(join(outDir, LIST_FILE), LIST_FILE, listText); // last: a run cut short leaves no list to roll out
}

async function revokeFile(inPath: string, outDir: string, deps: ServiceDeps): Promise<number> {
  const { items, lineOf, malformed } = await readItems(inPath);
  for (const line of malformed) process.stderr.write(errorLine(line, "ERR_BATCH_LINE"));
  const entries = await revokeAll(items, { prepare: (input) => deps.converter.prepare(input), vault: deps.conversion.vault });
  entries.forEach((entry, k) => {
    if (!isRevokedEntry(entry)) process.stderr.write(errorLine(lineOf[k]!, entry.error.code));
  });
  const now = deps.conversion.clock();
  const batches = await batchesOf(entries, { now, validity: deps.conversion.validity, signer: deps.uploadSigner });
  await writeOutputs(outDir, revocationListText(listLinesOf(entries)), batches);
  const revoked = entries.filter(isRevokedEntry).length;
  const refused = entries.length - revoked + malformed.length;
  process.stderr.write(
    `dcc-converter revoke: ${revoked} revoked, ${refused} refused, ${batches.length} batches${deps.uploadSigner === undefined ? " (unsigned)" : ""}\n`,
  );
  return refused > 0 ? EXIT.refused : EXIT.ok;
}

function stoppedWriting(error: OutputError): number {
  process.stderr.write(
    `dcc-converter revoke: stopped: ${error.message} — OUTDIR is incomplete ` +
      `(no ${LIST_FILE} when a batch is missing): ` +
      "free the cause, then run the same command again into an empty OUTDIR\n",
  );
  return EXIT.usage;
}

export function registerRevoke(program: Command): void {
  program
    .command("revoke <in> <outdir>")
    .description('compute the revocation hashes of NDJSON {"document"} or {"uvci"} lines: REVOCATION_LIST lines and EU gateway batches')
    .action(async (inPath: string, outDir: string) => {
      if (inPath !== "-" && !existsSync(inPath)) {
        process.stderr.write("dcc-converter revoke: IN does not exist\n");
        process.exitCode = EXIT.usage;
        return;
      }
      if (usedOutput(outDir) !== undefined) {
        process.stderr.write("dcc-converter revoke: OUTDIR already holds the outputs of a run: choose another directory\n");
        process.exitCode = EXIT.usage;
        return;
      }
      process.exitCode = await withServiceDeps(async (deps: ServiceDeps) => {
        try {
          return await revokeFile(inPath, outDir, deps);
        } catch (error) {
          if (isOutputError(error)) return stoppedWriting(error);
          if (!isConverterError(error)) throw error;
          process.stderr.write(`dcc-converter revoke: ${codeAndField(error)}\n`);
          return EXIT.usage;
        }
      });
    });
}
