// `dcc-converter batch --shard K/N` and `merge-batches`, run as the real binary on the development SoftHSM
// token (docs/operations.md "Batch campaigns"): the same 10,000-line input converted once whole and once as 4
// shards (one of them interrupted and resumed) merged back gives the same output. DCC signatures are
// randomized ECDSA, so lines are compared on line, id, uvci, type and error code, and every DCC is verified.
// Fixtures: 2D-DOCs signed in the test by a key it generates, trusted through TWODDOC_TRUST_BUNDLE.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startVerifier } from "./batch-verify-worker.js";
import { SPECIMEN_L1_MESSAGE, header04, makeTestSigner, sign2DDoc } from "../support/twoddoc-fixtures.js";

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));
const TOTAL = 10_000;
const SHARDS = 4;
const dir = mkdtempSync(join(tmpdir(), "dcc-batch-shards-"));
const signer = makeTestSigner({ caId: "FR99", certId: "TST9" });
const trustBundle = join(dir, "trust.pem");
writeFileSync(trustBundle, signer.pem);
const env = { ...process.env, TWODDOC_TRUST_BUNDLE: trustBundle };

interface ResultLine {
  line: number;
  id?: string;
  dcc?: string;
  uvci?: string;
  type?: string;
  error?: { code: string };
}

/** 40 distinct invented identities (distinct UVCIs), a malformed line every 50, a forged signature every 77. */
function inputLine(i: number): string {
  if (i % 50 === 49) return "{not json";
  const surname = ["SPECIMEN", "EXEMPLE", "MODELE", "ESSAI"][Math.floor((i % 40) / 10)]!;
  const message = SPECIMEN_L1_MESSAGE.replace("L0SPECIMEN", `L0${surname}`).replace(
    "L201011970",
    `L2${String(10 + (i % 10)).padStart(2, "0")}011970`,
  );
  let document = sign2DDoc(header04({ type: "L1" }) + message, signer.privateKey);
  if (i % 77 === 76) document = document.replace("L1MARIE", "L1MARIA");
  return JSON.stringify({ id: `n${i}`, document });
}

function batch(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, "batch", ...args], { env, stdio: ["ignore", "ignore", "inherit"] });
  return once(child, "exit").then(([code]) => code as number | null);
}

const readResults = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as ResultLine);
const comparable = (r: ResultLine) => ({ line: r.line, id: r.id, uvci: r.uvci, type: r.type, error: r.error?.code });

function signerPems(): string[] {
  const file = resolve(process.env["DCC_SIGNERS"] ?? fileURLToPath(new URL("../../.softhsm/signers.json", import.meta.url)));
  const signers = JSON.parse(readFileSync(file, "utf8")) as Array<{ certificate: string }>;
  return signers.map((s) => readFileSync(resolve(dirname(file), s.certificate), "utf8"));
}

async function verifyAll(results: readonly ResultLine[]): Promise<{ valid: number; invalid: number }> {
  const verifier = startVerifier(signerPems());
  verifier.add(results.flatMap((r) => (r.dcc === undefined ? [] : [r.dcc])));
  return verifier.done();
}

test("10,000 lines converted whole and as 4 merged shards (one resumed) give the same output", { timeout: 300_000 }, async () => {
  const input = join(dir, "campaign.ndjson");
  writeFileSync(input, Array.from({ length: TOTAL }, (_, i) => `${inputLine(i)}\n`).join(""));
  const whole = join(dir, "whole.ndjson");
  const shardOut = (k: number) => join(dir, `out.ndjson-${k}`);

  const codes = await Promise.all([
    batch([input, whole]),
    ...Array.from({ length: SHARDS }, (_, k) => batch([input, shardOut(k), "--shard", `${k}/${SHARDS}`])),
  ]);
  assert.deepEqual(codes, [1, 1, 1, 1, 1], "exit 1: some lines are refused on purpose");

  // Shard 2 as if its pod had been killed: a prefix and a cut line; its retry resumes.
  const kept = readFileSync(shardOut(2), "utf8").split("\n").slice(0, 700).join("\n");
  writeFileSync(shardOut(2), `${kept}\n{"line":2`);
  assert.equal(await batch([input, shardOut(2), "--shard", `2/${SHARDS}`, "--resume"]), 1);
  const shard2 = readResults(shardOut(2));
  assert.equal(shard2.length, TOTAL / SHARDS);
  assert.ok(
    shard2.every((r) => (r.line - 1) % SHARDS === 2),
    "shard 2 holds its own lines only, with the input's numbers",
  );

  const merged = join(dir, "merged.ndjson");
  const out = openSync(merged, "w");
  const files = Array.from({ length: SHARDS }, (_, k) => shardOut(k));
  const merge = spawnSync(process.execPath, [BIN, "merge-batches", "--lines", String(TOTAL), ...files], {
    stdio: ["ignore", out, "pipe"],
    encoding: "utf8",
  });
  closeSync(out);
  assert.equal(merge.status, 0, merge.stderr);

  const expected = readResults(whole);
  const actual = readResults(merged);
  assert.equal(expected.length, TOTAL);
  assert.deepEqual(actual.map(comparable), expected.map(comparable));
  const refused = expected.filter((r) => r.error !== undefined).map((r) => r.error?.code);
  assert.equal(refused.filter((c) => c === "ERR_BATCH_LINE").length, TOTAL / 50);
  assert.equal(
    refused.filter((c) => c === "ERR_2DDOC_SIGNATURE").length,
    Array.from({ length: TOTAL }, (_, i) => i).filter((i) => i % 77 === 76 && i % 50 !== 49).length,
  );
  assert.equal(new Set(expected.map((r) => r.uvci).filter(Boolean)).size, 40);
  const converted = TOTAL - refused.length;
  assert.deepEqual(await verifyAll(expected), { valid: converted, invalid: 0 });
  assert.deepEqual(await verifyAll(actual), { valid: converted, invalid: 0 });
});

test("merge-batches refuses an incomplete set of shards, batch a shard out of range (exit 2, line numbers named)", () => {
  const a = join(dir, "gap.ndjson-0");
  const b = join(dir, "gap.ndjson-1");
  writeFileSync(a, `${JSON.stringify({ line: 1, id: "x", type: "test" })}\n${JSON.stringify({ line: 3, id: "y", type: "test" })}\n`);
  writeFileSync(b, "");
  const run = spawnSync(process.execPath, [BIN, "merge-batches", a, b], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^dcc-converter merge-batches: line 2 is in no file \(the next one, 3, is in .*gap\.ndjson-0\)\n$/);
  assert.equal(
    spawnSync(process.execPath, [BIN, "batch", a, "-", "--shard", "4/4"], { encoding: "utf8" }).status,
    2,
    "--shard 4/4 is a usage error",
  );
  assert.equal(
    spawnSync(process.execPath, [BIN, "batch", a, join(dir, "absent", "out")], { encoding: "utf8" }).status,
    2,
    "OUT in a missing directory is a usage error",
  );
});
