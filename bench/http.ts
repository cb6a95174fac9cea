// bench/http.ts — the conversion endpoint under load, next to a trivial express echo endpoint with a
// body of the same size. Both servers run as their own processes (as in production), started in this
// run on this machine; the load generator (autocannon) runs here; the two are measured alternately.
// Run: node --import tsx bench/http.ts [seconds-per-round=8] [rounds=3] [connections=50]
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { VECTORS_DIR } from "../test/support/vectors.js";
import { cpuSeconds, startChild } from "./child-process.js";

const [seconds = 8, rounds = 3, connections = 50] = process.argv.slice(2).map(Number);
const samples = JSON.parse(readFileSync(join(VECTORS_DIR, "2d-doc/samples.json"), "utf8")) as Array<{ id: string; raw: string }>;
const document = samples.find((s) => s.id === "kit-L1-AZAY-valid")!.raw;
const body = JSON.stringify({ document });

interface Row { rps: number; p50: number; p99: number; errors: number; non2xx: number; cpuUsPerRequest: number }

async function load(url: string, server: ChildProcess): Promise<Row> {
  const before = cpuSeconds(server);
  const result = await autocannon({ url, method: "POST", body, headers: { "content-type": "application/json" }, connections, duration: seconds });
  const cpu = cpuSeconds(server) - before;
  return {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx,
    cpuUsPerRequest: Math.round((cpu * 1e6) / Math.max(1, result.requests.total)),
  };
}

// The service logs at its production level (info): one access line per request, as operated.
const service = await startChild(["bin/dcc-converter.mjs", "serve"], { PORT: "0", OPS_PORT: "0", LOG_LEVEL: "info" }, /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/);
const echo = await startChild(["--import", "tsx", "bench/echo-server.ts"], {}, /http:\/\/127\.0\.0\.1:\d+\/echo/);
const conversion = `${service.line}/v1/conversions`;
await load(conversion, service.child); // warm-up (JIT, session pool)
await load(echo.line, echo.child);
const rows: Array<Row & { round: number; endpoint: string }> = [];
for (let round = 1; round <= rounds; round++) {
  rows.push({ round, endpoint: "echo", ...(await load(echo.line, echo.child)) });
  rows.push({ round, endpoint: "conversion", ...(await load(conversion, service.child)) });
}
console.table(rows);
const mean = (endpoint: string, key: "rps" | "p99" | "p50" | "cpuUsPerRequest") => rows.filter((r) => r.endpoint === endpoint).reduce((s, r) => s + r[key], 0) / rounds;
console.log(`connections=${connections} seconds/round=${seconds} rounds=${rounds}`);
console.log(`echo:       ${mean("echo", "rps").toFixed(0)} req/s, p50 ${mean("echo", "p50").toFixed(1)} ms, p99 ${mean("echo", "p99").toFixed(1)} ms`);
console.log(`conversion: ${mean("conversion", "rps").toFixed(0)} req/s, p50 ${mean("conversion", "p50").toFixed(1)} ms, p99 ${mean("conversion", "p99").toFixed(1)} ms`);
console.log(`ratio conversion/echo: ${(mean("conversion", "rps") / mean("echo", "rps")).toFixed(2)}`);
// What limits it: server CPU per request (all threads: main, libuv pool running the HSM, workers).
console.log(`server CPU per request: echo ${mean("echo", "cpuUsPerRequest").toFixed(0)} µs, conversion ${mean("conversion", "cpuUsPerRequest").toFixed(0)} µs`);
service.child.kill("SIGTERM");
echo.child.kill("SIGTERM");
