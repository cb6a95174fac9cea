// bench/seal.ts — a seal conversion (`"format": "icao"`, ICAO VDS-NC) against a DCC conversion of the same document,
// on the same service (its compiled dist/, the development token), measured alternately round by round with the same
// load generator (autocannon, in this process); the goal is a seal within 1.1× of a DCC conversion. Also prints the
// size of a typical vaccination seal and of its HC1 counterpart, and the QR version of each (ECC M byte mode for the
// seal, ECC Q alphanumeric for the HC1: src/print/qr-code.ts).
// Target: BENCHMARKS.md, "Current figures" (seal / DCC server CPU per request ≤ 1.1×).
// Run: node --import tsx bench/seal.ts [seconds-per-round=8] [rounds=5] [connections=50]
import type { ChildProcess } from "node:child_process";
import { qrMatrix, QUIET_ZONE_MODULES, type QrContent } from "../src/print/qr-code.js";
import { SPECIMEN_2DDOC } from "../src/specimen.js";
import { compiledService, startChild } from "./child-process.js";
import { loadRound, spread, type Row } from "./load-round.js";

const [seconds = 8, rounds = 5, connections = 50] = process.argv.slice(2).map(Number);
const bodies = {
  dcc: JSON.stringify({ document: SPECIMEN_2DDOC }),
  seal: JSON.stringify({ document: SPECIMEN_2DDOC, format: "icao" }),
};
type Kind = keyof typeof bodies;

const round = { connections, seconds };
const load = (url: string, server: ChildProcess, kind: Kind) => loadRound(url, bodies[kind], server, round);

/** ISO/IEC 18004: a version-v symbol is 17 + 4v modules wide. */
const versionOf = (text: string, content: QrContent) => (qrMatrix(text, content).size - 2 * QUIET_ZONE_MODULES - 17) / 4;

const serviceEnv = { PORT: "0", OPS_PORT: "0", LOG_LEVEL: "info" };
const service = await startChild([compiledService(), "serve"], serviceEnv, /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/);
const url = `${service.line}/v1/conversions`;
const answer = async (kind: Kind) => {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: bodies[kind] });
  return (await response.json()) as Record<string, string>;
};
const seal = (await answer("seal"))["seal"] ?? "";
const hc1 = (await answer("dcc"))["dcc"] ?? "";
for (const kind of ["dcc", "seal"] as const) await load(url, service.child, kind); // warm-up (JIT, session pool)
const rows: Array<Row & { round: number; kind: Kind }> = [];
for (let round = 1; round <= rounds; round++) {
  // Alternate which goes first, so a drift of the machine's load favours neither.
  const order = round % 2 === 1 ? (["dcc", "seal"] as const) : (["seal", "dcc"] as const);
  for (const kind of order) rows.push({ round, kind, ...(await load(url, service.child, kind)) });
}
console.table(rows);
const of = (kind: Kind, key: keyof Row) =>
  rows
    .filter((r) => r.kind === kind)
    .sort((a, b) => a.round - b.round)
    .map((r) => r[key]);
const perRound = (key: keyof Row) => of("seal", key).map((value, i) => value / of("dcc", key)[i]!);
const loadAverage = spread(
  rows.map((r) => r.load),
  1,
);
console.log(`connections=${connections} seconds/round=${seconds} rounds=${rounds}; load average ${loadAverage}; figures min–median–max`);
for (const kind of ["dcc", "seal"] as const) {
  const latency = `p50 ${spread(of(kind, "p50"), 1)} ms, p99 ${spread(of(kind, "p99"), 1)} ms`;
  const failures = of(kind, "non2xx").reduce((a, b) => a + b, 0);
  const cpu = `server CPU ${spread(of(kind, "cpuUsPerRequest"))} µs/request`;
  console.log(`${kind.padEnd(5)} ${spread(of(kind, "rps"))} req/s, ${latency}, ${cpu}, non-2xx ${failures}`);
}
const ratios = [
  ["server CPU per request", "cpuUsPerRequest"],
  ["throughput", "rps"],
  ["p99", "p99"],
] as const;
console.log(`seal/dcc: ${ratios.map(([name, key]) => `${name} ${spread(perRound(key), 2)}×`).join(", ")}`);
console.log(
  `sizes: seal ${Buffer.byteLength(seal)} bytes, QR version ${versionOf(seal, "seal")} (byte mode, ECC M); ` +
    `HC1 ${hc1.length} characters, QR version ${versionOf(hc1, "hc1")} (alphanumeric, ECC Q)`,
);
service.child.kill("SIGTERM");
