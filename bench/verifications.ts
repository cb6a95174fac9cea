// bench/verifications.ts — POST /v1/verifications under load, next to the express echo endpoint (bench/echo-server.mjs)
// with a body of the same size, in the same rounds. The verifier runs as shipped (its compiled dist/, child-process.ts),
// with API_KEYS_FILE unset (development) and LOG_LEVEL info (one access and one usage line per verification).
// Two verifications: the specimen 2D-DOC at a validation time inside the activity set (its signature, the 2D-DOC
// checks, the mapping and three rules), and an HC1 the converter makes now (`dcc-converter convert`, the development
// token) on a copy of travel-FR whose rules are moved to end in 2030, so they apply today (its COSE signature, the CWT
// and schema checks, and its rules). Goal: ≥ 0.5 × the echo's throughput (BENCHMARKS.md).
// COMPARE=label=dir[,label=dir…] (checkouts of other code, each with node_modules) adds their verifiers as more
// endpoints, measured in the same rounds, as bench/http.ts does.
// Run: node --import tsx bench/verifications.ts [seconds-per-round=6] [rounds=3] [connections=50]
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SPECIMEN_2DDOC } from "../src/specimen.js";
import { compiledService, startChild } from "./child-process.js";
import { loadRound, spread, type Row } from "./load-round.js";

const [seconds = 6, rounds = 3, connections = 50] = process.argv.slice(2).map(Number);
const main = compiledService();
const converted = spawnSync(process.execPath, [main, "convert", SPECIMEN_2DDOC], { encoding: "utf8" });
if (converted.status !== 0) throw new Error(`convert failed: ${converted.stderr}`);
const hc1 = converted.stdout.trim();

// travel-FR with its rules ending in 2030: they apply to a DCC issued today (the bundled set ends on 2022-08-01).
const rulesDir = mkdtempSync(join(tmpdir(), "bench-rules-"));
cpSync(resolve(import.meta.dirname, "../rules"), rulesDir, { recursive: true });
const travelFile = join(rulesDir, "travel-FR", "1.json");
const travel = JSON.parse(readFileSync(travelFile, "utf8")) as { rules: { rule: { ValidTo: string } }[] };
for (const entry of travel.rules) entry.rule.ValidTo = "2030-01-01T00:00:00Z";
writeFileSync(travelFile, JSON.stringify(travel));

const round = { connections, seconds };
const load = (url: string, body: string, server: ChildProcess) => loadRound(url, body, server, round);

const echo = await startChild(["bench/echo-server.mjs"], {}, /http:\/\/127\.0\.0\.1:\d+\/echo/);
const verifierEnv = { PORT: "0", OPS_PORT: "0", LOG_LEVEL: "info", RULES_DIR: rulesDir };
const verifier = await startChild([main, "verifier"], verifierEnv, /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/);
const verifications = `${verifier.line}/v1/verifications`;
const twoddoc = JSON.stringify({ barcode: SPECIMEN_2DDOC, ruleSet: "activity", validationTime: "2021-07-01T12:00:00Z" });
const dcc = JSON.stringify({ barcode: hc1, ruleSet: "travel-FR" });
/** A body the echo accepts (a JSON object with one `document` string) of exactly the length of `body`. */
const sameSize = (body: string) => JSON.stringify({ document: "x".repeat(body.length - '{"document":""}'.length) });
// The echo gets well-formed bodies of the same sizes (it parses them and answers a small object).
const endpoints = [
  { name: "echo-2ddoc", url: echo.line, body: sameSize(twoddoc), child: echo.child },
  { name: "verify-2ddoc", url: verifications, body: twoddoc, child: verifier.child },
  { name: "echo-dcc", url: echo.line, body: sameSize(dcc), child: echo.child },
  { name: "verify-dcc", url: verifications, body: dcc, child: verifier.child },
];
const compared = (process.env["COMPARE"] ?? "").split(",").filter((entry) => entry.includes("="));
const others: ChildProcess[] = [];
for (const entry of compared) {
  const [name, dir] = [entry.slice(0, entry.indexOf("=")), resolve(entry.slice(entry.indexOf("=") + 1))];
  const other = await startChild([compiledService(dir), "verifier"], verifierEnv, /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/, dir);
  others.push(other.child);
  const url = `${other.line}/v1/verifications`;
  endpoints.push(
    { name: `${name}-2ddoc`, url, body: twoddoc, child: other.child },
    { name: `${name}-dcc`, url, body: dcc, child: other.child },
  );
}
for (const { name, url, body } of endpoints) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const answer = (await response.json()) as { decision?: string };
  if (response.status !== 200) throw new Error(`${name} answers ${response.status}, not 200`);
  if (name.startsWith("verify") && answer.decision !== "valid") throw new Error(`${name} is ${answer.decision}, not valid`);
}
for (const { url, body, child } of endpoints) await load(url, body, child); // warm-up (JIT)
const rows: Array<Row & { round: number; endpoint: string }> = [];
for (let round = 1; round <= rounds; round++) {
  for (const { name, url, body, child } of endpoints) rows.push({ round, endpoint: name, ...(await load(url, body, child)) });
}
console.table(rows);
const of = (endpoint: string, key: keyof Row) => rows.filter((r) => r.endpoint === endpoint).map((r) => r[key]);
const perRound = (a: string, b: string, key: keyof Row) => of(a, key).map((value, i) => value / of(b, key)[i]!);
const loads = spread(
  rows.map((r) => r.load),
  1,
);
console.log(`connections=${connections} seconds/round=${seconds} rounds=${rounds}; load average during the rounds ${loads}`);
console.log("figures: min–median–max over the rounds");
for (const { name } of endpoints) {
  const latency = `p50 ${spread(of(name, "p50"), 1)} ms, p99 ${spread(of(name, "p99"), 1)} ms`;
  const cpu = spread(of(name, "cpuUsPerRequest"));
  console.log(`${name.padEnd(13)} ${spread(of(name, "rps"))} req/s, ${latency}, server CPU ${cpu} µs/request`);
}
for (const format of ["2ddoc", "dcc"]) {
  const ratio = spread(perRound(`verify-${format}`, `echo-${format}`, "rps"), 2);
  console.log(`verify-${format}/echo-${format}: throughput ratio ${ratio} (goal ≥ 0.50)`);
  for (const entry of compared) {
    const name = `${entry.slice(0, entry.indexOf("="))}-${format}`;
    const cpu = spread(perRound(`verify-${format}`, name, "cpuUsPerRequest"), 2);
    console.log(
      `${name}/echo-${format}: throughput ratio ${spread(perRound(name, `echo-${format}`, "rps"), 2)}; ` +
        `verify-${format}/${name}: throughput ${spread(perRound(`verify-${format}`, name, "rps"), 2)}, server CPU per request ${cpu}×`,
    );
  }
}
for (const child of [echo.child, verifier.child, ...others]) child.kill("SIGTERM");
