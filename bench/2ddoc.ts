// 2D-DOC parse + verify throughput against bare node:crypto verification of the same bytes
// (same KeyObject, ieee-p1363), measured in the same run in alternating rounds so machine noise hits
// both alike. Target: ratio ≥ 0.8 (BENCHMARKS.md, "Targets and where they come from"). Run: node --import tsx bench/2ddoc.ts
import { verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { decode2DDoc } from "../src/twoddoc/decode.js";
import { normaliseInput } from "../src/twoddoc/normalise.js";
import { parseDocument } from "../src/twoddoc/parse.js";
import { defaultTrustBundle, loadTrustStore } from "../src/twoddoc/trust-store.js";
import { VECTORS_DIR } from "../test/support/vectors.js";

const SAMPLE_ID = "kit-L1-AZAY-valid"; // production key FR03/AV01, specimen identity
const ROUNDS = 40;
const OPS_PER_ROUND = 500;

const samples = JSON.parse(readFileSync(join(VECTORS_DIR, "2d-doc/samples.json"), "utf8")) as Array<{ id: string; raw: string }>;
const raw = samples.find((sample) => sample.id === SAMPLE_ID)?.raw;
if (raw === undefined) throw new Error(`sample ${SAMPLE_ID} not found`);
const trust = loadTrustStore(defaultTrustBundle());
const parsed = parseDocument(normaliseInput(raw));
const key = trust.find(parsed.header.caId, parsed.header.certId)?.publicKey;
if (key === undefined) throw new Error("signer missing from the bundled list");
const { signedData, signature } = parsed;

function timeRound(operation: () => boolean): number {
  const start = performance.now();
  for (let i = 0; i < OPS_PER_ROUND; i += 1) if (!operation()) throw new Error("verification failed");
  return OPS_PER_ROUND / ((performance.now() - start) / 1000);
}

const pipeline = () => decode2DDoc(raw, trust).signature === "valid";
const bare = () => verify("sha256", signedData, { key, dsaEncoding: "ieee-p1363" }, signature);
const parseOnly = () => parseDocument(normaliseInput(raw)).signature.length === 64;

for (let i = 0; i < 2; i += 1) {
  // warm-up
  timeRound(pipeline);
  timeRound(bare);
}
const rates = { pipeline: [] as number[], bare: [] as number[], parse: [] as number[] };
for (let round = 0; round < ROUNDS; round += 1) {
  // Alternate which goes first so neither always profits from a warmer machine.
  if (round % 2 === 0) {
    rates.pipeline.push(timeRound(pipeline));
    rates.bare.push(timeRound(bare));
  } else {
    rates.bare.push(timeRound(bare));
    rates.pipeline.push(timeRound(pipeline));
  }
  rates.parse.push(timeRound(parseOnly));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ratios = rates.pipeline.map((rate, i) => rate / (rates.bare[i] ?? rate));

console.log(
  `2D-DOC parse + verify benchmark — sample ${SAMPLE_ID}, ${ROUNDS} alternating rounds × ${OPS_PER_ROUND} ops, node ${process.version}`,
);
console.log(`normalise+parse+checkSignature : ${median(rates.pipeline).toFixed(0)} ops/s (median)`);
console.log(`bare crypto.verify (reference) : ${median(rates.bare).toFixed(0)} ops/s (median)`);
console.log(`normalise+parse only           : ${median(rates.parse).toFixed(0)} ops/s (median)`);
console.log(
  `ratio pipeline / bare          : ${median(ratios).toFixed(3)} (median of per-round ratios; min ${Math.min(...ratios).toFixed(3)}, target ≥ 0.8)`,
);
