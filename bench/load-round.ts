// One round of load against one endpoint (autocannon, POST of a JSON body) with the server process's CPU over the
// round, and the spread of a figure over the rounds (min – median – max): shared by the HTTP benchmarks
// (bench/http.ts, bench/seal.ts, bench/verifications.ts) so that their figures are taken the same way.
import type { ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { cpuSeconds } from "./child-process.js";

export interface Row {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuUsPerRequest: number;
  load: number;
}

export interface RoundLoad {
  readonly connections: number;
  readonly seconds: number;
}

export async function loadRound(url: string, body: string, server: ChildProcess, { connections, seconds }: RoundLoad): Promise<Row> {
  const before = cpuSeconds(server);
  const headers = { "content-type": "application/json" };
  const result = await autocannon({ url, method: "POST", body, headers, connections, duration: seconds });
  const cpu = cpuSeconds(server) - before;
  // A round whose answers were refusals measured the refusal path, not the endpoint: its figures are not reported.
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx; the round is void`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuUsPerRequest: Math.round((cpu * 1e6) / Math.max(1, result.requests.total)),
    load: Number(loadavg()[0]!.toFixed(1)),
  };
}

/** min – median – max of a figure over the rounds. */
export function spread(values: readonly number[], digits = 0): string {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return `${sorted[0]!.toFixed(digits)}–${median.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)}`;
}
