// Adversarial input: inputs of one size (~16 KiB, the single-conversion body bound) shaped against the
// scanners — a long inner run of spaces, thousands of `<GS>` tokens or `%` escapes, a huge deep link —
// against a plain input of the same size, all through `prepareConversion` (normalise → parse → verify →
// map, what a conversion worker runs). Each shape costs at most a few times the plain input (goal ≤ 3×).
// The regex trim the normaliser used to run is timed alongside, on the first shape, for comparison.
// Run: node --import tsx bench/adversarial-input.ts  (also `npm run bench:adversarial-input`)
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config.js";
import { prepareConversion, type PreparationDeps } from "../src/convert.js";
import { loadPreparationData } from "../src/deps.js";
import { SPECIMEN_2DDOC } from "../src/specimen.js";
import { ADVERSARIAL_INPUTS, PLAIN_OVERSIZE_INPUT } from "../test/support/adversarial-inputs.js";

const RUNS = 7;
const OPS_PER_RUN = 400;
const OLD_TRIM_OPS = 3;

const { trust, tables, mapping } = loadPreparationData(loadConfig({ NODE_ENV: "development" }));
const deps: PreparationDeps = { trust, tables, mapping };

function prepare(input: string): string {
  try {
    prepareConversion(input, deps);
    return "converted";
  } catch (error) {
    return (error as { code?: string }).code ?? "unexpected";
  }
}

function microsecondsPerCall(operation: () => unknown, ops: number): number {
  const start = performance.now();
  for (let i = 0; i < ops; i += 1) operation();
  return ((performance.now() - start) * 1000) / ops;
}

const rows: Array<[string, string]> = [["plain 16 KiB (reference)", PLAIN_OVERSIZE_INPUT],
  ...Object.entries(ADVERSARIAL_INPUTS).map(([shape, { input }]): [string, string] => [shape, input]),
  ["specimen document (converts)", SPECIMEN_2DDOC]];
const times = new Map<string, number[]>(rows.map(([name]) => [name, []]));
for (const [, input] of rows) microsecondsPerCall(() => prepare(input), OPS_PER_RUN); // warm-up
for (let run = 0; run < RUNS; run += 1) {
  // Rotate the order so no row always runs on a warmer (or busier) machine.
  for (let i = 0; i < rows.length; i += 1) {
    const [name, input] = rows[(i + run) % rows.length]!;
    times.get(name)!.push(microsecondsPerCall(() => prepare(input), OPS_PER_RUN));
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const plain = median(times.get(rows[0]![0])!);

console.log(`Adversarial input benchmark — prepareConversion, ${RUNS} runs × ${OPS_PER_RUN} calls per row, node ${process.version}`);
console.log(`${"input".padEnd(34)} ${"chars".padStart(6)}  ${"outcome".padEnd(26)} ${"µs/call".padStart(9)}  ${"min–max".padStart(13)}  ratio`);
for (const [name, input] of rows) {
  const values = times.get(name)!;
  const spread = `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
  console.log(`${name.padEnd(34)} ${String(input.length).padStart(6)}  ${prepare(input).padEnd(26)} ${median(values).toFixed(1).padStart(9)}  ${spread.padStart(13)}  ${(median(values) / plain).toFixed(2)}×`);
}
const worst = Math.max(...Object.keys(ADVERSARIAL_INPUTS).map((name) => median(times.get(name)!) / plain));
console.log(`worst adversarial / plain: ${worst.toFixed(2)}× (goal ≤ 3×)`);

// The trim this replaced, for comparison only (never on request data any more).
// eslint-disable-next-line regexp/no-super-linear-move -- the quadratic trim being measured as the "before" figure
const OLD_TRIM = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const firstShape = Object.values(ADVERSARIAL_INPUTS)[0]!.input;
const oldTrim = microsecondsPerCall(() => firstShape.replace(OLD_TRIM, ""), OLD_TRIM_OPS);
console.log(`before: the regex trim alone on "${Object.keys(ADVERSARIAL_INPUTS)[0]}": ${(oldTrim / 1000).toFixed(1)} ms/call (${(oldTrim / plain).toFixed(0)}× today's plain input)`);
