// Batch throughput (docs/batch-and-issuance.md): conversions per second of `dcc-converter batch` on a 100,000-line file
// (the real binary as shipped: each checkout's compiled dist/, built at the start; the development SoftHSM token,
// its worker pool), next to the bare crypto ceiling
// measured in the same run: 2D-DOC ECDSA verify + DCC ECDSA sign with node:crypto on every core.
// Prints figures and their ratio; asserts nothing. Targets: ≥ 5,000 conversions/s, ≥ 0.35 × the ceiling
// (BENCHMARKS.md, "Targets and where they come from"). Usage: node --import tsx bench/batch.ts [lines] [runs=1]
// COMPARE=label=dir[,label=dir…] also runs those checkouts' binaries, alternating with this one, run by run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { VECTORS_DIR } from "../test/support/vectors.js";
import { CONVERTIBLE_SAMPLES, readSamples, sample } from "../test/support/samples.js";
import { compiledService } from "./child-process.js";

const LINES = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 1);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const binaries: Array<{ name: string; bin: string; cwd: string }> = [{ name: "this checkout", bin: compiledService(), cwd: ROOT }];
for (const entry of (process.env["COMPARE"] ?? "").split(",").filter((e) => e.includes("="))) {
  const dir = resolve(entry.slice(entry.indexOf("=") + 1));
  binaries.push({ name: entry.slice(0, entry.indexOf("=")), bin: compiledService(dir), cwd: dir });
}
const samples = readSamples(VECTORS_DIR);
const documents = CONVERTIBLE_SAMPLES.map((id) => sample(samples, id).raw);

function measureCli(bin: string, cwd: string): { seconds: number; rate: number } {
  const dir = mkdtempSync(join(tmpdir(), "dcc-bench-batch-"));
  try {
    const input = join(dir, "in.ndjson");
    writeFileSync(
      input,
      Array.from({ length: LINES }, (_, i) => `${JSON.stringify({ id: `n${i}`, document: documents[i % documents.length] })}\n`).join(""),
    );
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [bin, "batch", input, join(dir, "out.ndjson")], { cwd, encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9; // includes start-up (token login, workers)
    if (run.status !== 0) throw new Error(`batch exited ${run.status}: ${run.stderr}`);
    process.stdout.write(`  CLI summary: ${run.stderr.trim()}\n`);
    return { seconds, rate: LINES / seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// One worker per core: verify a 2D-DOC-sized data zone (P-256, raw r‖s) then sign a DCC-sized Sig_structure.
const CEILING_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { generateKeyPairSync, sign, verify } = require("node:crypto");
const doc = generateKeyPairSync("ec", { namedCurve: "P-256" });
const dsc = generateKeyPairSync("ec", { namedCurve: "P-256" });
const zone = Buffer.from(workerData.zone, "latin1");
const signature = sign("sha256", zone, { key: doc.privateKey, dsaEncoding: "ieee-p1363" });
const sigStructure = Buffer.alloc(330, 7);
for (let i = 0; i < workerData.count; i += 1) {
  if (!verify("sha256", zone, { key: doc.publicKey, dsaEncoding: "ieee-p1363" }, signature)) throw new Error("verify");
  sign("sha256", sigStructure, { key: dsc.privateKey, dsaEncoding: "ieee-p1363" });
}
parentPort.postMessage("done");
`;

async function measureCeiling(): Promise<{ cores: number; rate: number }> {
  const cores = availableParallelism();
  const count = Math.ceil(LINES / cores);
  const zone = documents[0]!.split("\x1f")[0]!;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(CEILING_WORKER, { eval: true, workerData: { zone, count } });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { cores, rate: (count * cores) / seconds };
}

process.stdout.write(`bench/batch: ${LINES} lines (${documents.length} specimen documents, distinct ids), ${RUNS} run(s)\n`);
// Each run: the ceiling, then every binary; each ratio uses the ceiling of its own run.
for (let run = 1; run <= RUNS; run += 1) {
  const ceiling = await measureCeiling();
  process.stdout.write(
    `run ${run} (load average ${loadavg()[0]!.toFixed(1)}): crypto ceiling (node:crypto 2D-DOC verify + DCC sign, ${ceiling.cores} cores): ${ceiling.rate.toFixed(0)} /s\n`,
  );
  for (const { name, bin, cwd } of binaries) {
    const cli = measureCli(bin, cwd);
    process.stdout.write(
      `  ${name}: dcc-converter batch (SoftHSM, worker pool): ${cli.rate.toFixed(0)} conversions/s (${cli.seconds.toFixed(1)} s wall, start-up included); ratio CLI / crypto ceiling: ${(cli.rate / ceiling.rate).toFixed(3)}; load average ${loadavg()[0]!.toFixed(1)}\n`,
    );
  }
}
