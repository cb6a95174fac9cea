// The command-line jobs on a real full disk (the service contract §5, "an output that cannot be written";
// docs/operations.md "When an output cannot be written"): `batch`, `issue`, `revoke` and `merge-batches` write onto a
// small tmpfs until it is full. Each must exit 2 with one line on stderr naming the output and ENOSPC (no stack
// trace), leave what it wrote consistent (whole lines; a PDF only with its result line; batch files whole, no list
// without every batch), and — once the disk has room — finish the job with exactly one result per input line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomUvci } from "../../src/dcc/uvci.js";
import { makeOwnDocuments } from "../support/own-documents.js";
import { withSmallDisk } from "../support/full-disk.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const work = mkdtempSync(join(tmpdir(), "dcc-full-disk-cli-"));
const own = makeOwnDocuments();
const ENV = { ...process.env, TWODDOC_TRUST_BUNDLE: own.trustBundle };

function run(args: string[], stdout: "pipe" | number = "pipe") {
  return spawnSync(process.execPath, [bin, ...args], { env: ENV, encoding: "utf8", stdio: ["ignore", stdout, "pipe"], timeout: 180_000 });
}

/** Exactly one line on stderr, naming the output and the full disk; no stack trace. */
function assertStopLine(stderr: string, output: RegExp): void {
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, /stopped: cannot write /);
  assert.match(lines[0]!, output);
  assert.match(lines[0]!, /no space left on the device \(ENOSPC\)/);
  assert.ok(!stderr.includes("    at "), "no stack trace");
}

/** The file holds whole JSON lines only, and returns them parsed. */
function wholeLines(path: string): Array<Record<string, unknown>> {
  const text = readFileSync(path, "utf8");
  assert.ok(text === "" || text.endsWith("\n"), "no torn last line");
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const numbered = (results: Array<Record<string, unknown>>) => results.map((r) => r["line"]);
const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => from + k);

test("batch: OUT on a full disk exits 2 naming ENOSPC, keeps whole lines; --resume answers every line once", async (t) => {
  await withSmallDisk(t, 96, async (disk) => {
    const count = 400;
    const input = join(work, "batch.ndjson");
    const documents = own.convertible.map((d) => d.raw);
    const line = (i: number) => `${JSON.stringify({ id: `n${i}`, document: documents[i % documents.length] })}\n`;
    writeFileSync(input, range(0, count).map(line).join(""));
    const out = join(disk.dir, "out.ndjson");
    const first = run(["batch", input, out]);
    assert.equal(first.status, 2, first.stderr);
    assertStopLine(first.stderr, /cannot write OUT: /);
    const kept = wholeLines(out);
    assert.ok(kept.length > 0 && kept.length < count, `${kept.length} lines before the disk was full`);
    assert.deepEqual(numbered(kept), range(1, kept.length));
    const before = readFileSync(out, "utf8");

    disk.grow(4096);
    const resumed = run(["batch", input, out, "--resume"]);
    assert.equal(resumed.status, 0, resumed.stderr);
    const results = wholeLines(out);
    assert.deepEqual(numbered(results), range(1, count));
    assert.deepEqual(
      results.map((r) => r["id"]),
      range(0, count).map((i) => `n${i}`),
    );
    assert.ok(results.every((r) => String(r["dcc"]).startsWith("HC1:")));
    assert.ok(readFileSync(out, "utf8").startsWith(before), "the lines of the first run are kept as they were");
  });
});

const ISSUER = "Ministère de l'Europe et des Affaires étrangères";
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

const ISSUE_TITLE =
  "issue: a full disk exits 2 naming ENOSPC and the first line without a result; " + "no PDF without its line; --resume issues each once";

test(ISSUE_TITLE, async (t) => {
  await withSmallDisk(t, 256, async (disk) => {
    const count = 20;
    const input = join(work, "requests.csv");
    const vaccination = "1119349007;EU/1/20/1528;ORG-100030215;2;2";
    const rows = range(0, count).map((n) => `v;Specimen${n};Zoé;1970-01-01;${vaccination};${daysAgo(30)};;;;DE;${ISSUER}`);
    writeFileSync(input, `${["type;fn;gn;dob;vp;mp;ma;dn;sd;dt;fr;df;du;co;is", ...rows].join("\n")}\n`);
    const outDir = join(disk.dir, "issued");
    const first = run(["issue", input, outDir]);
    assert.equal(first.status, 2, first.stderr);
    assertStopLine(first.stderr, /cannot write (results\.ndjson|\d+-[0-9a-f]{8}\.pdf): /);
    const kept = wholeLines(join(outDir, "results.ndjson"));
    assert.ok(kept.length < count);
    assert.deepEqual(numbered(kept), range(2, kept.length), "CSV lines 2, 3, … (the header is line 1)");
    const next = kept.length + 2;
    assert.match(first.stderr, new RegExp(`input lines from ${next} on have no result yet: run the same command again with --resume`));
    const pdfs = () =>
      readdirSync(outDir)
        .filter((f) => f.endsWith(".pdf"))
        .sort();
    assert.deepEqual(pdfs(), kept.map((r) => String(r["file"])).sort(), "every PDF has its result line and every line its PDF");

    disk.grow(8192);
    const resumed = run(["issue", input, outDir, "--resume"]);
    assert.equal(resumed.status, 0, resumed.stderr);
    const results = wholeLines(join(outDir, "results.ndjson"));
    assert.deepEqual(numbered(results), range(2, count));
    assert.deepEqual(results.slice(0, kept.length), kept, "the certificates of the first run are kept, not issued again");
    assert.equal(new Set(results.map((r) => r["uvci"])).size, count, "one certificate per line");
    assert.deepEqual(pdfs(), results.map((r) => String(r["file"])).sort());
  });
});

test("revoke: a full disk exits 2 naming ENOSPC; batch files are whole and no list is left; run again completes", async (t) => {
  await withSmallDisk(t, 8, async (disk) => {
    const count = 300;
    const uvcis = range(0, count).map(() => randomUvci());
    const input = join(work, "revoke.ndjson");
    writeFileSync(input, uvcis.map((uvci) => `${JSON.stringify({ uvci })}\n`).join(""));
    const outDir = join(disk.dir, "revoked");
    const first = run(["revoke", input, outDir]);
    assert.equal(first.status, 2, first.stderr);
    assertStopLine(first.stderr, /cannot write batch-[A-Z]+-\d+\.(json|cms): /);
    const files = readdirSync(outDir);
    assert.ok(!files.includes("revocation-list.txt"), "no list that could pass for complete");
    for (const file of files.filter((f) => f.endsWith(".json"))) JSON.parse(readFileSync(join(outDir, file), "utf8"));

    disk.grow(4096);
    const again = run(["revoke", input, join(disk.dir, "again")]);
    assert.equal(again.status, 0, again.stderr);
    const listText = readFileSync(join(disk.dir, "again", "revocation-list.txt"), "utf8");
    const list = listText.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    assert.equal(list.filter((l) => l.startsWith("UCI:")).length, count);
    assert.equal(list.filter((l) => l.startsWith("COUNTRYCODEUCI:")).length, count);
  });
});

test("merge-batches: standard output on a full disk exits 2 naming ENOSPC, keeps whole lines; merging again completes", async (t) => {
  await withSmallDisk(t, 64, async (disk) => {
    const count = 400;
    const shard = (k: number) => {
      const path = join(work, `shard-${k}.ndjson`);
      const result = (n: number) => JSON.stringify({ line: n, id: `n${n - 1}`, dcc: `HC1:${"A".repeat(500)}` });
      const lines = range(1, count)
        .filter((n) => (n - 1) % 2 === k)
        .map(result);
      writeFileSync(path, `${lines.join("\n")}\n`);
      return path;
    };
    const shards = [shard(0), shard(1)];
    const merged = join(disk.dir, "merged.ndjson");
    const merge = () => {
      const fd = openSync(merged, "w");
      try {
        return run(["merge-batches", ...shards, "--lines", String(count)], fd);
      } finally {
        closeSync(fd);
      }
    };
    const first = merge();
    assert.equal(first.status, 2, first.stderr);
    assertStopLine(first.stderr, /cannot write standard output: /);
    const kept = wholeLines(merged);
    assert.ok(kept.length < count);
    assert.deepEqual(numbered(kept), range(1, kept.length));

    disk.grow(4096);
    const again = merge();
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(numbered(wholeLines(merged)), range(1, count));
  });
});

test("convert, decode-2ddoc and batch into /dev/full (a device that is always full): exit 2, one line naming ENOSPC", (t) => {
  if (!existsSync("/dev/full")) {
    t.skip("this system has no /dev/full");
    return;
  }
  const document = own.convertible[0]!.raw;
  const input = join(work, "three.ndjson");
  writeFileSync(
    input,
    range(0, 3)
      .map((i) => `${JSON.stringify({ id: `n${i}`, document })}\n`)
      .join(""),
  );
  for (const args of [
    ["convert", document],
    ["decode-2ddoc", document],
    ["batch", input, "-"],
  ]) {
    const full = openSync("/dev/full", "w");
    try {
      const result = run(args, full);
      assert.equal(result.status, 2, `${args[0]}: ${result.stderr}`);
      assertStopLine(result.stderr, /cannot write standard output: /);
    } finally {
      closeSync(full);
    }
  }
});
