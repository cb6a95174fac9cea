// Adversarial input: inputs of one size (~16 KiB, the single-conversion body bound) shaped against the
// scanners — a long inner run of spaces, thousands of `<GS>` tokens or `%` escapes, a huge deep link —
// against a plain input of the same size, all through `prepareConversion` (normalise → parse → verify →
// map, what a conversion worker runs). Each shape costs at most a few times the plain input (goal ≤ 3×,
// (BENCHMARKS.md, "Targets and where they come from")).
// The regex trim the normaliser used to run is timed alongside, on the first shape, for comparison.
// Run: node --import tsx bench/adversarial-input.ts  (also `npm run bench:adversarial-input`)
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config.js";
import { prepareConversion, type PreparationDeps } from "../src/convert.js";
import { loadPreparationData } from "../src/workers/conversion-pool.js";
import { SPECIMEN_2DDOC } from "../src/specimen.js";
import { ADVERSARIAL_INPUTS, PLAIN_OVERSIZE_INPUT } from "../test/support/adversarial-inputs.js";

const RUNS = 9;
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

const rows: Array<[string, string]> = [
  ...Object.entries(ADVERSARIAL_INPUTS).map(([shape, { input }]): [string, string] => [shape, input]),
  ["specimen document (converts)", SPECIMEN_2DDOC],
];
const plainRun = () => microsecondsPerCall(() => prepare(PLAIN_OVERSIZE_INPUT), OPS_PER_RUN);
const times = new Map<string, number[]>(rows.map(([name]) => [name, []]));
const ratios = new Map<string, number[]>(rows.map(([name]) => [name, []]));
const plainTimes: number[] = [];
for (const [, input] of rows) microsecondsPerCall(() => prepare(input), OPS_PER_RUN); // warm-up
plainRun();
for (let run = 0; run < RUNS; run += 1) {
  for (const [name, input] of rows) {
    // Each row is paired with a plain measurement next to it (order alternating by run), so load that
    // comes and goes on a shared machine hits both sides of a ratio alike.
    const shapeRun = () => microsecondsPerCall(() => prepare(input), OPS_PER_RUN);
    const [plain, shape] = run % 2 === 0 ? [plainRun(), shapeRun()] : ((s) => [plainRun(), s])(shapeRun());
    plainTimes.push(plain);
    times.get(name)!.push(shape);
    ratios.get(name)!.push(shape / plain);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const range = (values: number[], digits: number) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

console.log(
  `Adversarial input benchmark — prepareConversion, ${RUNS} runs × ${OPS_PER_RUN} calls per row, each paired with the plain input, node ${process.version}`,
);
console.log(
  `${"input".padEnd(34)} ${"chars".padStart(6)}  ${"outcome".padEnd(20)} ${"µs/call".padStart(8)}  ${"ratio to plain (min–max)".padStart(26)}`,
);
console.log(
  `${"plain 16 KiB (reference)".padEnd(34)} ${String(PLAIN_OVERSIZE_INPUT.length).padStart(6)}  ${prepare(PLAIN_OVERSIZE_INPUT).padEnd(20)} ${median(plainTimes).toFixed(1).padStart(8)}  ${"1.00×".padStart(26)}`,
);
for (const [name, input] of rows) {
  const ratio = `${median(ratios.get(name)!).toFixed(2)}× (${range(ratios.get(name)!, 2)})`;
  console.log(
    `${name.padEnd(34)} ${String(input.length).padStart(6)}  ${prepare(input).padEnd(20)} ${median(times.get(name)!).toFixed(1).padStart(8)}  ${ratio.padStart(26)}`,
  );
}
const worst = Math.max(...Object.keys(ADVERSARIAL_INPUTS).map((name) => median(ratios.get(name)!)));
console.log(`worst adversarial / plain (median of paired ratios): ${worst.toFixed(2)}× (goal ≤ 3×)`);
// Best of the runs: the least disturbed figure of each row on a shared machine.
const bestPlain = Math.min(...plainTimes);
const bestWorst = Math.max(...Object.keys(ADVERSARIAL_INPUTS).map((name) => Math.min(...times.get(name)!) / bestPlain));
console.log(`worst adversarial / plain (best run of each): ${bestWorst.toFixed(2)}× (plain ${bestPlain.toFixed(1)} µs/call)`);
const plain = median(plainTimes);

// The trim this replaced, for comparison only (never on request data any more).
// eslint-disable-next-line regexp/no-super-linear-move -- the quadratic trim being measured as the "before" figure
const OLD_TRIM = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const firstShape = Object.values(ADVERSARIAL_INPUTS)[0]!.input;
const oldTrim = microsecondsPerCall(() => firstShape.replace(OLD_TRIM, ""), OLD_TRIM_OPS);
console.log(
  `before: the regex trim alone on "${Object.keys(ADVERSARIAL_INPUTS)[0]}": ${(oldTrim / 1000).toFixed(1)} ms/call (${(oldTrim / plain).toFixed(0)}× today's plain input)`,
);
