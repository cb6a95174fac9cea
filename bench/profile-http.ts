// Where a conversion's server CPU goes: the service under bench/http.ts's load, profiled with `node --cpu-prof`
// (every thread writes its own profile), each sample of the load window attributed to a stage by the files on
// its stack (bench/profile-stages.ts), next to the per-thread CPU of the same window read from /proc.
// SERVICE_ROOT=<another checkout> profiles that checkout's service instead (its worker threads must pass the
// parent's --cpu-prof flags on, as src/workers/thread-client.ts does). The service runs as shipped: the checkout's
// compiled dist/ (child-process.ts), whose frames are read as the sources they come from.
// Run: node --import tsx bench/profile-http.ts [seconds=10] [connections=50] [interval-µs=250]
// interval 0: no profiler, the per-thread CPU only (the profiler roughly doubles every thread's CPU).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { VECTORS_DIR } from "../test/support/vectors.js";
import { compiledService, startChild, threadCpu } from "./child-process.js";
import { attribute, type CpuProfile } from "./profile-stages.js";

const [seconds = 10, connections = 50, interval = 250] = process.argv.slice(2).map(Number);
const samples = JSON.parse(readFileSync(join(VECTORS_DIR, "2d-doc/samples.json"), "utf8")) as Array<{ id: string; raw: string }>;
const body = JSON.stringify({ document: samples.find((s) => s.id === "kit-L1-AZAY-valid")!.raw });
const dir = mkdtempSync(join(tmpdir(), "dcc-profile-"));

const flags = interval === 0 ? [] : ["--cpu-prof", `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${interval}`];
const serviceRoot = process.env["SERVICE_ROOT"];
const root = resolve(serviceRoot ?? join(import.meta.dirname, ".."));
const service = await startChild(
  [...flags, compiledService(root), "serve"],
  { PORT: "0", OPS_PORT: "0", LOG_LEVEL: "info" },
  /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/,
  root,
);
const url = `${service.line}/v1/conversions`;
const run = (duration: number) =>
  autocannon({ url, method: "POST", body, headers: { "content-type": "application/json" }, connections, duration });
await run(3); // warm-up (JIT, session pool), outside the window
const threadsBefore = threadCpu(service.child);
const from = process.hrtime.bigint() / 1000n; // CLOCK_MONOTONIC, the clock of the profiles' timestamps
const result = await run(seconds);
const to = process.hrtime.bigint() / 1000n;
const threadsAfter = threadCpu(service.child);
await new Promise((resolve) => {
  service.child.once("exit", resolve);
  service.child.kill("SIGTERM");
});

const requests = result.requests.total;
process.stdout.write(
  `bench/profile-http: load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; ${serviceRoot ?? "this checkout"}\n`,
);
process.stdout.write(
  `bench/profile-http: ${requests} conversions in ${seconds} s at ${connections} connections (${result.requests.average} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}); ${interval === 0 ? "not profiled" : `sampling every ${interval} µs`}\n`,
);
// Linux names every Node thread "node" (the profiler's own threads "v8:ProfEvntProc", left out: they exist only
// while profiling). The main thread's id is the process id; the two conversion workers are the two busiest of the
// others (each runs whole conversions; at 50 connections both are busier than the vault thread, at low load the
// least loaded worker may not be, so read the per-thread split at 50; the workers make SoftHSM's HMAC and ECDSA
// themselves, C_Sign inline by default: PKCS11_CALLS); the rest is the vault thread (idle under this load: the
// readiness probe), the libuv threadpool (C_SignAsync with PKCS11_CALLS=threadpool; fs work), and V8's helper threads.
const cpuOf = new Map<string, number>();
for (const [tid, after] of threadsAfter) {
  if (after.name.startsWith("v8:")) continue;
  cpuOf.set(tid, after.seconds - (threadsBefore.get(tid)?.seconds ?? 0));
}
const mainCpu = cpuOf.get(String(service.child.pid)) ?? 0;
cpuOf.delete(String(service.child.pid));
const others = [...cpuOf.values()].sort((a, b) => b - a);
const workersCpu = (others[0] ?? 0) + (others[1] ?? 0);
const restCpu = others.slice(2).reduce((a, b) => a + b, 0);
const perConversion = (cpu: number) => (cpu * 1e6) / requests;

// The profiles sample a running thread whether or not it has a core (the machine is shared): each stage gets the
// share of its thread's non-idle samples, times that thread's CPU from /proc.
const main = new Map<string, number>();
const workers = new Map<string, number>();
const vault = new Map<string, number>();
for (const file of readdirSync(dir).sort()) {
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
  // dist/x/y.js is src/x/y.ts compiled: the stage rules name the sources.
  for (const node of profile.nodes)
    node.callFrame.url = node.callFrame.url.replace(`${root}/dist/`, `${root}/src/`).replace(/(\/src\/.*)\.js$/, "$1.ts");
  const { thread, stages, leaves } = attribute(profile, Number(from), Number(to));
  const into =
    thread === "main thread" ? (stages.has("request body (JSON parse)") ? main : undefined) : thread === "vault thread" ? vault : workers;
  if (into === undefined) continue; // no HTTP: not the main thread (a module-loader thread when run from sources)
  for (const [stage, us] of stages) into.set(stage, (into.get(stage) ?? 0) + us);
  // DETAIL=n: the n innermost frames that cost the most in each stage.
  if (process.env["DETAIL"] === undefined) continue;
  process.stdout.write(`${file} (${thread}):\n`);
  for (const [stage, byLeaf] of leaves) {
    process.stdout.write(`  ${stage}\n`);
    for (const [leaf, us] of [...byLeaf].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env["DETAIL"]))) {
      process.stdout.write(`    ${(us / requests).toFixed(1).padStart(6)} µs sampled  ${leaf}\n`);
    }
  }
}
const table = (title: string, stages: Map<string, number>, cpu: number) => {
  const sampled = [...stages.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${title}: ${perConversion(cpu).toFixed(0)} µs CPU per conversion (${(sampled / requests).toFixed(0)} µs sampled)\n`,
  );
  for (const [stage, us] of [...stages].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${stage.padEnd(58)} ${((perConversion(cpu) * us) / sampled).toFixed(1).padStart(7)} µs\n`);
  }
};
table("main thread", main, mainCpu);
table("conversion workers (2)", workers, workersCpu);
process.stdout.write(
  `vault thread + libuv threadpool (SoftHSM) + V8 helpers: ${perConversion(restCpu).toFixed(0)} µs CPU per conversion\n`,
);
const vaultSampled = [...vault.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`  the vault thread's samples (shares of its samples, not CPU):\n`);
for (const [stage, us] of [...vault].sort((a, b) => b[1] - a[1]))
  process.stdout.write(`    ${stage.padEnd(56)} ${((100 * us) / vaultSampled).toFixed(0).padStart(5)} %\n`);
process.stdout.write(
  `all threads: ${perConversion(mainCpu + workersCpu + restCpu).toFixed(0)} µs CPU per conversion (profiler threads excluded)\n`,
);
if (process.env["KEEP_PROFILES"] === undefined) rmSync(dir, { recursive: true, force: true });
else process.stdout.write(`profiles kept in ${dir}\n`);
