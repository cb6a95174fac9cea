// bench/http.ts — the conversion endpoint under load, next to a trivial express echo endpoint with a
// body of the same size, both started in this run on this machine, measured alternately.
// Run: node --import tsx bench/http.ts [seconds-per-round=8] [rounds=3] [connections=50]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import express from "express";
import autocannon from "autocannon";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logging.js";
import { startService } from "../src/server.js";
import { VECTORS_DIR } from "../test/support/vectors.js";

const [seconds = 8, rounds = 3, connections = 50] = process.argv.slice(2).map(Number);
const samples = JSON.parse(readFileSync(join(VECTORS_DIR, "2d-doc/samples.json"), "utf8")) as Array<{ id: string; raw: string }>;
const document = samples.find((s) => s.id === "kit-L1-AZAY-valid")!.raw;
const body = JSON.stringify({ document });

async function startEcho(): Promise<{ url: string; close: () => void }> {
  const app = express();
  app.post("/echo", express.json({ limit: "16kb" }), (req, res) => {
    res.json({ dcc: `HC1:${String((req.body as { document: string }).document).length}`, type: "vaccination" });
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`, close: () => server.close() };
}

async function load(url: string): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, method: "POST", body, headers: { "content-type": "application/json" }, connections, duration: seconds });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

const config = loadConfig({ ...process.env, PORT: "0", LOG_LEVEL: "warn" });
const service = await startService(config, createLogger("warn"));
const echo = await startEcho();
const conversion = `${service.url}/v1/conversions`;
await load(conversion); // warm-up (JIT, session pool)
const rows: Array<{ round: number; endpoint: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }> = [];
for (let round = 1; round <= rounds; round++) {
  rows.push({ round, endpoint: "echo", ...(await load(echo.url)) });
  rows.push({ round, endpoint: "conversion", ...(await load(conversion)) });
}
console.table(rows);
const mean = (endpoint: string, key: "rps" | "p99") => rows.filter((r) => r.endpoint === endpoint).reduce((s, r) => s + r[key], 0) / rounds;
console.log(`connections=${connections} seconds/round=${seconds} rounds=${rounds}`);
console.log(`echo:       ${mean("echo", "rps").toFixed(0)} req/s, p99 ${mean("echo", "p99").toFixed(1)} ms`);
console.log(`conversion: ${mean("conversion", "rps").toFixed(0)} req/s, p99 ${mean("conversion", "p99").toFixed(1)} ms`);
console.log(`ratio conversion/echo: ${(mean("conversion", "rps") / mean("echo", "rps")).toFixed(2)}`);
echo.close();
await service.close();
