// bench/http.ts — the conversion endpoint under load, next to a trivial express echo endpoint with a
// body of the same size. Both servers run as their own processes (as in production), started in this
// run on this machine; the load generator (autocannon) runs here; the endpoints are measured alternately.
// COMPARE=label=dir[,label=dir…] (checkouts of other code, each with node_modules) adds their services as more
// endpoints, measured in the same rounds (before/after figures under the same machine load). Every service runs
// as it is shipped: its checkout's compiled dist/, built at the start of the run (child-process.ts).
// Targets: conversion/echo ≥ 0.5 in throughput, ≤ 2× in CPU per request, p99 ≤ 25 ms at 50 connections
// (BENCHMARKS.md, "Targets and where they come from").
// Run: node --import tsx bench/http.ts [seconds-per-round=8] [rounds=3] [connections=50]
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { VECTORS_DIR } from "../test/support/vectors.js";
import { compiledService, startChild } from "./child-process.js";
import { loadRound, spread, type Row } from "./load-round.js";

const [seconds = 8, rounds = 3, connections = 50] = process.argv.slice(2).map(Number);
const samples = JSON.parse(readFileSync(join(VECTORS_DIR, "2d-doc/samples.json"), "utf8")) as Array<{ id: string; raw: string }>;
const document = samples.find((s) => s.id === "kit-L1-AZAY-valid")!.raw;
const body = JSON.stringify({ document });

const round = { connections, seconds };
const load = (url: string, server: ChildProcess) => loadRound(url, body, server, round);

// The service logs at its production level (info): one access line per request, as operated.
const serviceEnv = { PORT: "0", OPS_PORT: "0", LOG_LEVEL: "info" };
const serviceReady = /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/;
const endpoints: Array<{ name: string; url: string; child: ChildProcess }> = [];
const echo = await startChild(["bench/echo-server.mjs"], {}, /http:\/\/127\.0\.0\.1:\d+\/echo/);
endpoints.push({ name: "echo", url: echo.line, child: echo.child });
const service = await startChild([compiledService(), "serve"], serviceEnv, serviceReady);
endpoints.push({ name: "conversion", url: `${service.line}/v1/conversions`, child: service.child });
const compared = (process.env["COMPARE"] ?? "").split(",").filter((entry) => entry.includes("="));
for (const entry of compared) {
  const [name, dir] = [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)];
  const other = await startChild([compiledService(resolve(dir)), "serve"], serviceEnv, serviceReady, resolve(dir));
  endpoints.push({ name, url: `${other.line}/v1/conversions`, child: other.child });
}
for (const { url, child } of endpoints) await load(url, child); // warm-up (JIT, session pool)
const rows: Array<Row & { round: number; endpoint: string }> = [];
for (let round = 1; round <= rounds; round++) {
  for (const { name, url, child } of endpoints) rows.push({ round, endpoint: name, ...(await load(url, child)) });
}
console.table(rows);
const of = (endpoint: string, key: keyof Row) => rows.filter((r) => r.endpoint === endpoint).map((r) => r[key]);
// Spread over the rounds: min – median – max (each round's ratio uses the echo measured in the same round).
const perRound = (a: string, b: string, key: keyof Row) => of(a, key).map((value, i) => value / of(b, key)[i]!);
console.log(
  `connections=${connections} seconds/round=${seconds} rounds=${rounds}; load average during the rounds ${spread(
    rows.map((r) => r.load),
    1,
  )}`,
);
console.log("figures: min–median–max over the rounds");
for (const { name } of endpoints) {
  console.log(
    `${name.padEnd(11)} ${spread(of(name, "rps"))} req/s, p50 ${spread(of(name, "p50"), 1)} ms, p99 ${spread(of(name, "p99"), 1)} ms, server CPU ${spread(of(name, "cpuUsPerRequest"))} µs/request`,
  );
}
for (const { name } of endpoints.slice(1)) {
  console.log(
    `${name}/echo: throughput ratio ${spread(perRound(name, "echo", "rps"), 2)}, server CPU per request ${spread(perRound(name, "echo", "cpuUsPerRequest"), 2)}×, p99 ${spread(perRound(name, "echo", "p99"), 2)}×`,
  );
}
for (const { name } of endpoints.slice(2)) {
  console.log(
    `conversion/${name}: throughput ${spread(perRound("conversion", name, "rps"), 2)}, CPU per request ${spread(perRound("conversion", name, "cpuUsPerRequest"), 2)}×, p99 ${spread(perRound("conversion", name, "p99"), 2)}×`,
  );
}
for (const { child } of endpoints) child.kill("SIGTERM");
