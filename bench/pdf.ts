// bench/pdf.ts — the printable certificate's cost, next to the JSON answer in the same run: the real
// service (its own process) answers POST /v1/conversions with Accept JSON, PDF and (for reference) PNG,
// measured alternately under the same load; the server's CPU per answer gives the extra cost of a PDF.
// Then a JSON conversion under concurrent PDF load: JSON clients alone, then the same JSON clients while `connections`
// PDF clients load the service, alternately, each round (the JSON answers' rate and p99, the PDF answers' rate and
// refusals). Then, in this process, the parts: the QR matrix (qr), the PNG and SVG images, and the whole PDF (pdfkit).
// The service runs as shipped: the compiled dist/ (bench/child-process.ts).
// Target: < 1 ms of extra server CPU per PDF (BENCHMARKS.md, "Targets and where they come from").
// Run: node --import tsx bench/pdf.ts [seconds-per-round=6] [rounds=3] [connections=16] [json-connections=4]
import type { ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { SPECIMEN_2DDOC } from "../src/specimen.js";
import { loadConfig } from "../src/config.js";
import { buildServiceDeps } from "../src/deps.js";
import { convertDocument } from "../src/convert.js";
import { qrMatrix } from "../src/print/qr-code.js";
import { renderCertificatePdf } from "../src/print/certificate-pdf.js";
import { renderQr } from "../src/print/qr-image.js";
import { compiledService, cpuSeconds, startChild } from "./child-process.js";

const [seconds = 6, rounds = 3, connections = 16, jsonConnections = 4] = process.argv.slice(2).map(Number);
const body = JSON.stringify({ document: SPECIMEN_2DDOC });
const ACCEPTS = { json: "application/json", pdf: "application/pdf", png: "image/png" } as const;
type Answer = keyof typeof ACCEPTS;

interface Row {
  answer: Answer;
  round: number;
  rps: number;
  p99: number;
  non2xx: number;
  cpuUsPerAnswer: number;
}

async function load(url: string, server: ChildProcess, answer: Answer, round: number): Promise<Row> {
  const before = cpuSeconds(server);
  const result = await autocannon({
    url,
    method: "POST",
    body,
    headers: { "content-type": "application/json", accept: ACCEPTS[answer] },
    connections,
    duration: seconds,
  });
  const cpu = cpuSeconds(server) - before;
  return {
    answer,
    round,
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    cpuUsPerAnswer: Math.round((cpu * 1e6) / Math.max(1, result.requests.total)),
  };
}

/** CPU microseconds per call of `work`, after a warm-up. */
async function cpuPerCall(work: () => unknown, count: number): Promise<number> {
  for (let i = 0; i < 20; i++) await work();
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await work();
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / count);
}

const service = await startChild([compiledService(), "serve"], { PORT: "0", LOG_LEVEL: "info" }, /http:\/\/127\.0\.0\.1:\d+(?=\n|$)/);
const url = `${service.line}/v1/conversions`;
for (const answer of ["json", "pdf"] as const) await load(url, service.child, answer, 0); // warm-up
const rows: Row[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const answer of ["json", "pdf", "png"] as const) rows.push(await load(url, service.child, answer, round));
}
interface MixedRow {
  round: number;
  jsonAloneRps: number;
  jsonAloneP99: number;
  jsonMixedRps: number;
  jsonMixedP99: number;
  pdfRps: number;
  pdf503: number;
}

/** JSON clients alone, then the same JSON clients beside `connections` PDF clients. */
async function mixed(round: number): Promise<MixedRow> {
  const json = () =>
    autocannon({
      url,
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
      connections: jsonConnections,
      duration: seconds,
    });
  const alone = await json();
  const pdfLoad = autocannon({
    url,
    method: "POST",
    body,
    headers: { "content-type": "application/json", accept: ACCEPTS.pdf },
    connections,
    duration: seconds,
  });
  const [beside, pdf] = await Promise.all([json(), pdfLoad]);
  return {
    round,
    jsonAloneRps: alone.requests.average,
    jsonAloneP99: alone.latency.p99,
    jsonMixedRps: beside.requests.average,
    jsonMixedP99: beside.latency.p99,
    pdfRps: pdf.requests.average,
    pdf503: pdf.statusCodeStats?.["503"]?.count ?? 0,
  };
}

const mixedRows: MixedRow[] = [];
for (let round = 1; round <= rounds; round++) mixedRows.push(await mixed(round));
service.child.kill("SIGTERM");
console.table(rows);
console.table(mixedRows);
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(1)}–${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)}–${sorted.at(-1)!.toFixed(1)}`;
};
const column = (key: keyof MixedRow) => mixedRows.map((r) => r[key]);
console.log(`JSON (${jsonConnections} connections) under PDF load (${connections} connections), min–median–max of ${rounds} rounds:`);
console.log(`  JSON alone: ${spread(column("jsonAloneRps"))} answers/s, p99 ${spread(column("jsonAloneP99"))} ms`);
console.log(`  JSON beside PDF: ${spread(column("jsonMixedRps"))} answers/s, p99 ${spread(column("jsonMixedP99"))} ms`);
console.log(`  PDF beside JSON: ${spread(column("pdfRps"))} answers/s, 503 refusals ${spread(column("pdf503"))}`);
console.log(`  ratio JSON p99 beside PDF / alone: ${spread(mixedRows.map((r) => r.jsonMixedP99 / r.jsonAloneP99))}`);
const mean = (answer: Answer, key: "rps" | "cpuUsPerAnswer" | "p99") =>
  rows.filter((r) => r.answer === answer).reduce((s, r) => s + r[key], 0) / rounds;
console.log(`connections=${connections} seconds/round=${seconds} rounds=${rounds}`);
for (const answer of ["json", "pdf", "png"] as const) {
  console.log(
    `${answer.padEnd(4)}: ${mean(answer, "rps").toFixed(0)} answers/s, p99 ${mean(answer, "p99").toFixed(1)} ms, server CPU ${mean(answer, "cpuUsPerAnswer").toFixed(0)} µs per answer`,
  );
}
console.log(`ratio pdf/json answers per second: ${(mean("pdf", "rps") / mean("json", "rps")).toFixed(2)}`);
console.log(
  `extra server CPU per PDF: ${((mean("pdf", "cpuUsPerAnswer") - mean("json", "cpuUsPerAnswer")) / 1000).toFixed(2)} ms (PNG: ${((mean("png", "cpuUsPerAnswer") - mean("json", "cpuUsPerAnswer")) / 1000).toFixed(2)} ms)`,
);

const deps = await buildServiceDeps(loadConfig());
const conversion = await convertDocument(SPECIMEN_2DDOC, deps.conversion);
const qr = await cpuPerCall(() => qrMatrix(conversion.dcc), 200);
const png = await cpuPerCall(() => renderQr(conversion.dcc, "image/png"), 200);
const svg = await cpuPerCall(() => renderQr(conversion.dcc, "image/svg+xml"), 200);
const pdf = await cpuPerCall(() => renderCertificatePdf(conversion, deps.conversion.valueSets), 200);
console.log(
  `in process: QR matrix (qr) ${qr} µs, PNG ${png} µs, SVG ${svg} µs, whole PDF ${pdf} µs, so the page without its QR matrix ${pdf - qr} µs`,
);
await deps.converter.close();
await deps.conversion.vault.close();
