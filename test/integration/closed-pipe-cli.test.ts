// `dcc-converter batch IN - | head -2` (the service contract §5: "a closed pipe stops the work"): once the reader is
// gone the run stops, exits 2 naming EPIPE, and signs no more than the lines already in flight. Signatures are counted
// outside the product, in the log of OpenSC's PKCS#11 spy placed between the binary and SoftHSM: the ECDSA
// `C_SignInit` calls of the run, less those of a run with no input (the key checks at start).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { developmentDir } from "../../src/config.js";
import { DEFAULT_CONCURRENCY } from "../../src/batch/run-batch.js";
import { WRITE_CHUNK } from "../../src/cli/outputs.js";
import { SOFTHSM_MODULE } from "../../src/cli/hsm-init/token-session.js";
import { makeOwnDocuments } from "../support/own-documents.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const work = mkdtempSync(join(tmpdir(), "dcc-closed-pipe-"));
const own = makeOwnDocuments();
/** OpenSC's PKCS#11 spy (package opensc, installed by scripts/setup.sh). */
const SPY = ["x86_64", "aarch64"].map((arch) => `/usr/lib/${arch}-linux-gnu/pkcs11/pkcs11-spy.so`).find((path) => existsSync(path));
/** Linux's default pipe capacity: what the binary may write before a reader that never reads blocks it. */
const PIPE_CAPACITY = 64 * 1024;

function spiedEnv(log: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TWODDOC_TRUST_BUNDLE: own.trustBundle,
    PKCS11_MODULE: SPY,
    PKCS11SPY: SOFTHSM_MODULE,
    PKCS11SPY_OUTPUT: log,
    SOFTHSM2_CONF: process.env["SOFTHSM2_CONF"] ?? join(developmentDir(), "softhsm2.conf"),
  };
}

/** ECDSA signatures started, from the spy's log (one block per call, blank-line separated). */
function ecdsaSignatures(log: string): number {
  return readFileSync(log, "utf8")
    .split("\n\n")
    .filter((call) => call.includes(": C_SignInit\n") && call.includes("CKM_ECDSA")).length;
}

const TITLE = "batch IN - into a reader that closes after two lines: stops, exits 2 naming EPIPE, signs only the lines in flight";

test(TITLE, { timeout: 300_000 }, async (t) => {
  if (SPY === undefined) {
    if (process.env["CI"] !== undefined) throw new Error("OpenSC's pkcs11-spy.so is missing (scripts/setup.sh installs opensc)");
    t.skip("OpenSC's pkcs11-spy.so is not installed: no outside count of signatures");
    return;
  }
  const count = 3_000;
  const input = join(work, "in.ndjson");
  const document = own.convertible[0]!.raw;
  writeFileSync(input, Array.from({ length: count }, (_, i) => `${JSON.stringify({ id: `n${i}`, document })}\n`).join(""));
  const empty = join(work, "empty.ndjson");
  writeFileSync(empty, "");
  const baseLog = join(work, "base.log");
  const base = spawnSync(process.execPath, [bin, "batch", empty, join(work, "empty.out")], { env: spiedEnv(baseLog), encoding: "utf8" });
  assert.equal(base.status, 0, base.stderr);

  const log = join(work, "spy.log");
  const files = { head: join(work, "head.out"), stderr: join(work, "stderr.txt"), status: join(work, "status.txt") };
  // A real pipe into `head -2`, as an operator types it; the binary's own exit status comes back through PIPESTATUS.
  const script = `"$0" "$1" batch "$2" - 2>"$3" | head -2 >"$4"; echo "\${PIPESTATUS[0]}" >"$5"`;
  const args = ["-c", script, process.execPath, bin, input, files.stderr, files.head, files.status];
  const shell = spawn("bash", args, { env: spiedEnv(log), stdio: "ignore" });
  await once(shell, "exit");

  const status = Number(readFileSync(files.status, "utf8").trim());
  const stderr = readFileSync(files.stderr, "utf8");
  assert.equal(status, 2, stderr);
  assert.match(stderr, /^batch: stopped: cannot write standard output: the reader closed the pipe \(EPIPE\) after \d+ result lines/);
  assert.equal(stderr.trimEnd().split("\n").length, 1, stderr);
  const received = readFileSync(files.head, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  assert.deepEqual(
    received.map((l) => (JSON.parse(l) as { line: number }).line),
    [1, 2],
  );

  // In flight when the reader left: what the pipe and head's read could hold, one unwritten chunk, the read-ahead window.
  const lineBytes = Math.min(...received.map((l) => Buffer.byteLength(l) + 1));
  const inFlight = Math.ceil((2 * PIPE_CAPACITY + WRITE_CHUNK) / lineBytes) + DEFAULT_CONCURRENCY;
  const signed = ecdsaSignatures(log) - ecdsaSignatures(baseLog);
  t.diagnostic(`${signed} DCCs signed of ${count} lines; bound ${inFlight}`);
  assert.ok(signed >= 2, "the two lines read were signed");
  assert.ok(signed <= inFlight, `${signed} signatures for a reader that read 2 lines (at most ${inFlight} in flight)`);
});
