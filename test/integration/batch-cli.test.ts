// `dcc-converter batch IN OUT`, run as the real binary on the development SoftHSM token: mixed
// lines, exit codes and summary, 100,000 lines with the process RSS measured, and `--resume` after a
// killed run giving exactly one output line per input line. Every DCC written is verified.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { startVerifier } from "./batch-verify-worker.js";
import { makeOwnDocuments } from "../support/own-documents.js";

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));
const own = makeOwnDocuments();
const documents = own.convertible.map((document) => document.raw);
/** The binary trusts the key that signed our own documents. */
const ENV = { ...process.env, TWODDOC_TRUST_BUNDLE: own.trustBundle };
const dir = mkdtempSync(join(tmpdir(), "dcc-batch-cli-"));

interface ResultLine {
  line: number;
  id?: string;
  dcc?: string;
  type?: string;
  error?: { code: string; status: number };
}

function signerPems(): string[] {
  const file = resolve(process.env["DCC_SIGNERS"] ?? fileURLToPath(new URL("../../.softhsm/signers.json", import.meta.url)));
  const signers = JSON.parse(readFileSync(file, "utf8")) as Array<{ certificate: string }>;
  return signers.map((s) => readFileSync(resolve(dirname(file), s.certificate), "utf8"));
}

function writeInput(name: string, count: number): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    Array.from({ length: count }, (_, i) => `${JSON.stringify({ id: `n${i}`, document: documents[i % documents.length] })}\n`).join(""),
  );
  return path;
}

const readResults = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as ResultLine);

/** Every line answered exactly once, in order, with its id, and every DCC verified. */
async function assertComplete(results: ResultLine[], count: number): Promise<void> {
  assert.equal(results.length, count);
  results.forEach((r, i) => {
    assert.equal(r.line, i + 1);
    assert.equal(r.id, `n${i}`);
  });
  const verifiers = [startVerifier(signerPems()), startVerifier(signerPems())];
  const dccs = results.map((r) => r.dcc ?? "missing");
  for (let i = 0; i < dccs.length; i += 1_000) verifiers[(i / 1_000) % 2]!.add(dccs.slice(i, i + 1_000));
  const [a, b] = await Promise.all(verifiers.map((v) => v.done()));
  assert.deepEqual({ valid: a!.valid + b!.valid, invalid: a!.invalid + b!.invalid }, { valid: count, invalid: 0 });
}

describe("dcc-converter batch", () => {
  test("mixed lines from stdin to stdout: per-line results in order, summary on stderr, exit 1", async () => {
    const input = [
      JSON.stringify({ id: "a", document: documents[0] }),
      "nope",
      JSON.stringify({ id: "b", document: own.refused.raw }),
      JSON.stringify({ id: "c", document: documents[2] }),
    ].join("\n");
    const run = spawnSync(process.execPath, [BIN, "batch", "-", "-"], { env: ENV, input, encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 1);
    const results = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ResultLine);
    assert.deepEqual(
      results.map((r) => [r.line, r.id, r.error?.code ?? r.type]),
      [
        [1, "a", "vaccination"],
        [2, undefined, "ERR_BATCH_LINE"],
        [3, "b", "ERR_MAPPING_UNKNOWN_CODE"],
        [4, "c", "vaccination"],
      ],
    );
    assert.match(run.stderr, /batch: 4 lines, 2 converted, 2 failed/);
    const verifier = startVerifier(signerPems());
    verifier.add([results[0]!.dcc!, results[3]!.dcc!]);
    assert.deepEqual(await verifier.done(), { valid: 2, invalid: 0 });
  });

  test("usage errors exit 2", () => {
    assert.equal(spawnSync(process.execPath, [BIN, "batch", join(dir, "absent.ndjson"), "-"], { env: ENV, encoding: "utf8" }).status, 2);
    assert.equal(spawnSync(process.execPath, [BIN, "batch", "-", "-", "--resume"], { env: ENV, input: "", encoding: "utf8" }).status, 2);
  });

  test("100,000 lines: exit 0, every DCC verified, process RSS flat", { timeout: 240_000 }, async () => {
    const total = 100_000;
    const input = writeInput("100k.ndjson", total);
    const output = join(dir, "100k.out");
    const child = spawn(process.execPath, [BIN, "batch", input, output], { env: ENV, stdio: ["ignore", "ignore", "pipe"] });
    const rss: Array<[number, number]> = [];
    const exited = once(child, "exit");
    const lineBytes = statSync(input).size / total; // output lines are longer: this underestimates progress
    let running = true;
    void exited.then(() => {
      running = false;
    });
    while (running) {
      await sleep(250);
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
        rss.push([statSync(output).size / (lineBytes * 2.2), kb * 1024]);
      } catch {
        /* not started or already gone */
      }
    }
    const [code] = await exited;
    assert.equal(code, 0);
    await assertComplete(readResults(output), total);
    const peak = (from: number, to: number) => Math.max(0, ...rss.filter(([n]) => n > from && n <= to).map(([, r]) => r));
    const early = peak(10_000, 50_000);
    const late = peak(50_000, Infinity);
    console.log(
      `# batch CLI RSS: peak over ~10k–50k lines ${(early / 2 ** 20).toFixed(0)} MiB, ~50k–100k ${(late / 2 ** 20).toFixed(0)} MiB`,
    );
    assert.ok(early > 0 && late > 0, "RSS was sampled in both halves");
    assert.ok(late <= early + 32 * 2 ** 20, "RSS does not grow with the line count");
    assert.ok(late < 512 * 2 ** 20, "RSS stays within the documented bound (512 MiB)");
  });

  test("--resume after a killed run gives exactly one output line per input line", { timeout: 120_000 }, async () => {
    const total = 8_000;
    const input = writeInput("resume.ndjson", total);
    const output = join(dir, "resume.out");
    const child = spawn(process.execPath, [BIN, "batch", input, output], { env: ENV, stdio: "ignore" });
    const exited = once(child, "exit");
    for (;;) {
      await sleep(100);
      let size = 0;
      try {
        size = statSync(output).size;
      } catch {
        /* not yet created */
      }
      if (size > 1_000_000) break;
    }
    child.kill("SIGKILL");
    await exited;
    // A crash can also leave a partial last line: make sure there is one.
    const size = statSync(output).size;
    truncateSync(output, size - 17);
    const resumed = spawnSync(process.execPath, [BIN, "batch", input, output, "--resume"], { env: ENV, encoding: "utf8", timeout: 90_000 });
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stderr, /already in OUT \(skipped\)/);
    await assertComplete(readResults(output), total);
    // Resuming a finished run converts nothing more.
    const again = spawnSync(process.execPath, [BIN, "batch", input, output, "--resume"], { env: ENV, encoding: "utf8", timeout: 60_000 });
    assert.equal(again.status, 0);
    assert.match(again.stderr, /batch: 0 lines/);
    assert.equal(readResults(output).length, total);
  });

  test("--resume refuses an OUT that does not answer IN (exit 2, OUT untouched)", () => {
    const input = writeInput("other.ndjson", 5);
    const output = join(dir, "other.out");
    writeFileSync(output, `${JSON.stringify({ line: 1, id: "someone-else", dcc: "HC1:X" })}\n`);
    const run = spawnSync(process.execPath, [BIN, "batch", input, output, "--resume"], { env: ENV, encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 2);
    assert.equal(readResults(output).length, 1);
  });
});
