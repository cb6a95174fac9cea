// REVOCATION_LIST at national scale: 5,000,000 entries (a third of each kind, as `dcc-converter revoke` writes
// them: UCI, COUNTRYCODEUCI and 2DDOC lines per document). For each of RUNS fresh processes: the time to read and
// parse the file into the compact stores, the memory it adds once the file's bytes are freed (RSS, and V8 heap +
// array buffers), and the cost of the check every conversion pays (UCI + COUNTRYCODEUCI + 2DDOC hashes and three
// lookups, for certificates not on the list), next to one SHA-256 of a data zone (the reference, same run) and to
// the bare lookups without hashing; and a reload as the watcher does it, with its longest event-loop stall.
// Targets: load < 5 s, < 150 MiB added, lookups < 2 µs a conversion (BENCHMARKS.md, "Targets and where they come from").
// Run: npm run bench:revocation   (node --expose-gc --import tsx bench/revocation-list.ts [entries])
import { hash, randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, openSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseRevocationList, parseRevocationListInSlices } from "../src/revocation/list-file.js";
import { isRevokedIn } from "../src/revocation/revocation-list.js";
import { randomUvci } from "../src/dcc/uvci.js";

const RUNS = 3;
const CHECKS = 200_000;
const MIB = 1024 * 1024;

function writeList(path: string, entries: number): void {
  const fd = openSync(path, "w");
  const documents = Math.ceil(entries / 3);
  let chunk = "# bench\n";
  let written = 0;
  for (let d = 0; d < documents && written < entries; d++) {
    const bytes = randomBytes(64);
    chunk += `UCI:${bytes.subarray(0, 16).toString("base64")}\n`;
    if (++written < entries) {
      chunk += `COUNTRYCODEUCI:${bytes.subarray(16, 32).toString("base64")}\n`;
      written++;
    }
    if (written < entries) {
      chunk += `2DDOC:${bytes.subarray(32, 64).toString("hex")}\n`;
      written++;
    }
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, `${chunk}# end ${written}\n`); // the line that makes the list whole (docs/revocation.md)
  closeSync(fd);
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error("run with --expose-gc");
  collect();
  collect();
}

/**
 * A reload as the service does it: the wall time, and the longest stretch between two turns of the event loop,
 * counted in CPU time of the process (on a shared machine, wall-clock gaps mostly measure the wait for a core).
 */
async function longestStall(path: string): Promise<{ reloadMs: number; stallMs: number; stallWallMs: number }> {
  const bytes = readFileSync(path);
  let lastCpu = process.cpuUsage();
  let lastWall = performance.now();
  let stallMs = 0;
  let stallWallMs = 0;
  const start = lastWall;
  const mark = () => {
    const cpu = process.cpuUsage(lastCpu);
    stallMs = Math.max(stallMs, (cpu.user + cpu.system) / 1000);
    stallWallMs = Math.max(stallWallMs, performance.now() - lastWall);
  };
  const pause = async () => {
    mark();
    await new Promise((resolve) => setImmediate(resolve));
    lastCpu = process.cpuUsage();
    lastWall = performance.now();
  };
  await parseRevocationListInSlices(bytes, pause);
  mark();
  return { reloadMs: performance.now() - start, stallMs, stallWallMs };
}

function measure(path: string): Record<string, number> {
  const fileBytes: Buffer | undefined = readFileSync(path);
  const referenceStart = performance.now();
  hash("sha256", fileBytes, "buffer");
  const fileSha256Ms = performance.now() - referenceStart;
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const stores = parseRevocationList(readFileSync(path));
  const loadMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const loadCpuMs = (used.user + used.system) / 1000;
  gc();
  const after = process.memoryUsage();
  const subjects = Array.from({ length: 1000 }, () => ({ uvci: randomUvci(), sourceBytes: randomBytes(120) }));
  const time = (operation: (k: number) => unknown): number => {
    for (let k = 0; k < 20_000; k++) operation(k); // warm-up
    const t0 = performance.now();
    for (let k = 0; k < CHECKS; k++) operation(k);
    return ((performance.now() - t0) * 1e6) / CHECKS;
  };
  const probes = subjects.map((s) => hash("sha256", s.sourceBytes, "buffer") as Buffer);
  let hits = 0;
  const checkNs = time((k) => (isRevokedIn(stores, subjects[k % 1000]!) ? hits++ : 0));
  const sha256Ns = time((k) => hash("sha256", subjects[k % 1000]!.sourceBytes, "buffer"));
  const lookupNs = time(
    (k) => stores.UCI.has(probes[k % 1000]!) || stores.COUNTRYCODEUCI.has(probes[k % 1000]!) || stores["2DDOC"].has(probes[k % 1000]!),
  );
  return {
    entries: stores.UCI.size + stores.COUNTRYCODEUCI.size + stores["2DDOC"].size,
    loadMs,
    loadCpuMs,
    fileSha256Ms,
    rssMiB: (after.rss - before.rss) / MIB,
    heapPlusBuffersMiB: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MIB,
    checkNs,
    sha256Ns,
    lookupNs,
    hits,
  };
}

if (process.argv[2] === "--measure") {
  const figures = measure(process.argv[3]!);
  process.stdout.write(JSON.stringify({ ...figures, ...(await longestStall(process.argv[3]!)) }));
} else {
  const entries = Number(process.argv[2] ?? 5_000_000);
  const dir = mkdtempSync(join(tmpdir(), "revocation-bench-"));
  const path = join(dir, "revocation-list.txt");
  writeList(path, entries);
  console.log(
    `REVOCATION_LIST benchmark — ${entries.toLocaleString("en")} entries (1/3 each kind), file ${(statSync(path).size / MIB).toFixed(0)} MiB, ${RUNS} fresh processes, node ${process.version}`,
  );
  const results: Record<string, number>[] = [];
  for (let run = 0; run < RUNS; run++) {
    const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", import.meta.filename, "--measure", path], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(child.stderr);
    results.push(JSON.parse(child.stdout) as Record<string, number>);
  }
  rmSync(dir, { recursive: true });
  const row = (label: string, key: string, unit: string, digits = 0) => {
    const values = results.map((r) => r[key]!).sort((a, b) => a - b);
    console.log(
      `${label.padEnd(44)} median ${values[Math.floor(values.length / 2)]!.toFixed(digits)} ${unit}  (min ${values[0]!.toFixed(digits)}, max ${values.at(-1)!.toFixed(digits)})`,
    );
  };
  row("load (read + parse + sort), wall", "loadMs", "ms");
  row("load, CPU time of the process", "loadCpuMs", "ms");
  row("  reference: one SHA-256 over the whole file", "fileSha256Ms", "ms");
  row("reload in slices (as the watcher), wall", "reloadMs", "ms");
  row("  longest stretch without a loop turn, CPU", "stallMs", "ms");
  row("  longest stretch without a loop turn, wall", "stallWallMs", "ms");
  row("memory added, RSS after GC", "rssMiB", "MiB", 1);
  row("memory added, V8 heap + array buffers", "heapPlusBuffersMiB", "MiB", 1);
  row("check per conversion (3 hashes + 3 lookups)", "checkNs", "ns");
  row("  reference: one SHA-256 of a 120-byte zone", "sha256Ns", "ns");
  row("  three lookups alone (no hashing)", "lookupNs", "ns");
  const loadRatios = results.map((r) => r["loadMs"]! / r["fileSha256Ms"]!).sort((a, b) => a - b);
  console.log(
    `${"ratio load / SHA-256 of the file".padEnd(44)} median ${loadRatios[1]!.toFixed(2)}  (min ${loadRatios[0]!.toFixed(2)}, max ${loadRatios.at(-1)!.toFixed(2)})`,
  );
  const ratios = results.map((r) => r["checkNs"]! / r["sha256Ns"]!).sort((a, b) => a - b);
  console.log(
    `${"ratio check / one SHA-256".padEnd(44)} median ${ratios[1]!.toFixed(2)}  (min ${ratios[0]!.toFixed(2)}, max ${ratios.at(-1)!.toFixed(2)})`,
  );
  console.log(`false hits on random certificates: ${results.map((r) => r["hits"]).join(", ")}`);
}
