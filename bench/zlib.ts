// The zlib settings of the HC1 (BENCHMARKS.md, "zlib"): size of the compressed COSE, hence of the HC1 text and
// its QR version, against the CPU of one compression, for each candidate setting. Inputs: the COSE of the DCCs
// this service issues (the convertible specimen samples, converted by the compiled `dcc-converter batch` on the
// development token) and of the EU test data corpus (every country, every certificate type). Every output is
// checked: inflated by node:zlib it gives the input back. Prints figures; asserts nothing.
// Run: node --import tsx bench/zlib.ts [calls-per-round=4000] [rounds=15]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, deflateSync, inflateSync, type ZlibOptions } from "node:zlib";
import { VECTORS_DIR } from "../test/support/vectors.js";
import { CONVERTIBLE_SAMPLES, readSamples, sample } from "../test/support/samples.js";
import { decodeBase45, encodeBase45 } from "../src/dcc/base45.js";
import { removePrefix, addPrefix } from "../src/dcc/hc1.js";
import { qrMatrix, QUIET_ZONE_MODULES } from "../src/print/qr-code.js";
import { compiledService } from "./child-process.js";

const [CALLS = 4000, ROUNDS = 15] = process.argv.slice(2).map(Number);

function ourCoses(): Buffer[] {
  const samples = readSamples(VECTORS_DIR);
  const dir = mkdtempSync(join(tmpdir(), "dcc-bench-zlib-"));
  try {
    const lines = CONVERTIBLE_SAMPLES.map((id) => JSON.stringify({ id, document: sample(samples, id).raw })).join("\n");
    writeFileSync(join(dir, "in.ndjson"), `${lines}\n`);
    const run = spawnSync(process.execPath, [compiledService(), "batch", join(dir, "in.ndjson"), join(dir, "out.ndjson")], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`batch exited ${run.status}: ${readFileSync(join(dir, "out.ndjson"), "utf8")}`);
    const results = readFileSync(join(dir, "out.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { dcc: string });
    return results.map((result) => inflateSync(decodeBase45(removePrefix(result.dcc))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function euCoses(): Buffer[] {
  const root = join(VECTORS_DIR, "dcc/dgc-testdata");
  const coses: Buffer[] = [];
  for (const country of readdirSync(root)) {
    const raw = join(root, country, "2DCode/raw");
    if (!existsSync(raw)) continue;
    for (const file of readdirSync(raw)) {
      try {
        const cose = (JSON.parse(readFileSync(join(raw, file), "utf8")) as { COSE?: string }).COSE;
        if (typeof cose === "string" && /^[0-9a-f]+$/i.test(cose) && cose.length > 100) coses.push(Buffer.from(cose, "hex"));
      } catch {
        // a malformed test file (some countries ship deliberately broken ones): not a COSE to measure
      }
    }
  }
  return coses;
}

// The EU verifier apps inflate only a stream whose header is 78 01, 78 5E, 78 9C or 78 DA (a 32 KiB window, any
// level): otherwise they take the bytes as uncompressed COSE and fail. A smaller window (header 18 …, 28 …) is
// valid zlib (RFC 1950 §2.2) but measured here only to show what it would save.
const CANDIDATES: ReadonlyArray<readonly [string, ZlibOptions]> = [
  ["level 9 (until now)", { level: 9 }],
  ["level 6", { level: 6 }],
  ["level 1", { level: 1 }],
  ["level 9, memLevel 1", { level: 9, memLevel: 1 }],
  ["level 9, fixed Huffman codes (Z_FIXED)", { level: 9, strategy: constants.Z_FIXED }],
  ["level 9, run-length (Z_RLE)", { level: 9, strategy: constants.Z_RLE }],
  ["Huffman only", { level: 9, strategy: constants.Z_HUFFMAN_ONLY }],
  ["stored (level 0)", { level: 0 }],
  ["stored (level 0), memLevel 1", { level: 0, memLevel: 1 }],
  ["level 9, window 512 B, memLevel 1 (header 18 DA)", { level: 9, windowBits: 9, memLevel: 1 }],
  ["stored, window 512 B, memLevel 1 (header 18 01)", { level: 0, windowBits: 9, memLevel: 1 }],
];

const qrVersion = (hc1: string) => (qrMatrix(hc1).size - 2 * QUIET_ZONE_MODULES - 17) / 4;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const spread = (values: number[], digits = 1) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(digits)}–${sorted[Math.floor(sorted.length / 2)]!.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)}`;
};

function microsecondsPerCall(inputs: Buffer[], options: ZlibOptions): number {
  // CPU time of this process (user + system), not wall time: other processes' use of the cores does not count.
  const started = process.cpuUsage();
  for (let i = 0; i < CALLS; i += 1) deflateSync(inputs[i % inputs.length]!, { ...options, chunkSize: 2048 });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / CALLS;
}

const ours = ourCoses();
const eu = euCoses();
console.log(
  `bench/zlib: ${ours.length} COSEs of this service (${ours.map((c) => c.length).join(", ")} bytes), ${eu.length} of the EU test data (${spread(
    eu.map((c) => c.length),
    0,
  )} bytes); ${CALLS} calls a round, ${ROUNDS} rounds`,
);
// Timed round by round, every candidate in each round (the machine's load moves between rounds, not within one).
const timings = new Map<string, number[]>(CANDIDATES.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, options] of CANDIDATES) timings.get(name)!.push(microsecondsPerCall(ours, options));
}
const rows = [];
for (const [name, options] of CANDIDATES) {
  const outputs = [...ours, ...eu].map((cose) => deflateSync(cose, options));
  [...ours, ...eu].forEach((cose, i) => {
    if (!inflateSync(outputs[i]!).equals(cose)) throw new Error(`${name}: round trip failed`);
  });
  const ourHc1 = outputs.slice(0, ours.length).map((bytes) => addPrefix(encodeBase45(bytes)));
  const euVersions = outputs.slice(ours.length).map((bytes) => qrVersion(addPrefix(encodeBase45(bytes))));
  const perCall = timings.get(name)!;
  rows.push({
    setting: name,
    header: outputs[0]!.subarray(0, 2).toString("hex"),
    "ours: bytes": outputs
      .slice(0, ours.length)
      .map((b) => b.length)
      .join(", "),
    "ours: HC1 chars": ourHc1.map((h) => h.length).join(", "),
    "ours: QR version": ourHc1.map(qrVersion).join(", "),
    "EU: mean bytes": Number(mean(outputs.slice(ours.length).map((b) => b.length)).toFixed(1)),
    "EU: mean QR version": Number(mean(euVersions).toFixed(2)),
    "CPU µs/call": spread(perCall),
    "/ level 9": spread(
      perCall.map((value, i) => value / timings.get(CANDIDATES[0]![0])![i]!),
      2,
    ),
  });
}
console.table(rows);
