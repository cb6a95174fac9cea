// Fuzz-style property: whatever the mutation of a valid document, the 2D-DOC stages either succeed or
// throw a ConverterError whose code is one of src/errors.ts — never a TypeError, RangeError or crash.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { ERROR_MESSAGES, isConverterError } from "../../../src/errors.js";
import { normaliseInput } from "../../../src/twoddoc/normalise.js";
import { parseDocument } from "../../../src/twoddoc/parse.js";
import { loadTrustStore } from "../../../src/twoddoc/trust-store.js";
import { assertConvertible, checkSignature } from "../../../src/twoddoc/verify.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE, SPECIMEN_L1_MESSAGE } from "../../support/twoddoc-fixtures.js";

const signer = makeTestSigner();
const trust = loadTrustStore(signer.pem);
const SEEDS = [
  sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey),
  sign2DDoc(header04({ type: "L1" }) + SPECIMEN_L1_MESSAGE, signer.privateKey),
];
const SEPARATORS = ["\x1d", "\x1e", "\x1f", "<GS>", "%1D", "\\x1e", "="];

type Mutation = (text: string) => string;
const at = (text: string, ratio: number) => Math.floor(ratio * text.length);
const ratio = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(ratio, fc.integer({ min: 1, max: 255 })).map(([r, bit]) => (t: string) => {
    const i = at(t, r);
    return t.slice(0, i) + String.fromCharCode((t.charCodeAt(i) ^ bit) & 0xff) + t.slice(i + 1);
  }),
  fc.tuple(ratio, fc.string({ maxLength: 4, unit: "binary-ascii" })).map(
    ([r, s]) =>
      (t: string) =>
        t.slice(0, at(t, r)) + s + t.slice(at(t, r)),
  ),
  fc.tuple(ratio, fc.integer({ min: 1, max: 8 })).map(
    ([r, n]) =>
      (t: string) =>
        t.slice(0, at(t, r)) + t.slice(at(t, r) + n),
  ),
  ratio.map((r) => (t: string) => t.slice(0, at(t, r))),
  fc.tuple(ratio, fc.constantFrom(...SEPARATORS)).map(([r, s]) => (t: string) => {
    const i = at(t, r);
    return t.slice(0, i) + s + t.slice(i + 1);
  }),
);

function runStages(input: string): void {
  const doc = parseDocument(normaliseInput(input));
  const status = checkSignature(doc, trust);
  assert.ok(["valid", "invalid", "unknown-signer", "signer-not-valid-at-signature-date"].includes(status));
  assertConvertible(doc, trust);
}

describe("2D-DOC stages under mutation", () => {
  it("only ever throw ConverterErrors with a known code", () => {
    const known = new Set(Object.keys(ERROR_MESSAGES));
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const input = mutations.reduce((text, mutate) => mutate(text), seed);
        try {
          runStages(input);
        } catch (error) {
          if (!isConverterError(error) || !known.has(error.code)) throw error;
        }
      }),
      { numRuns: 5000 },
    );
  });
  it("never accepts a document whose signed bytes were changed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), mutation, (seed, mutate) => {
        const data = seed.slice(0, seed.indexOf("\x1f"));
        const changed = mutate(data);
        fc.pre(changed !== data && normalisesTo(changed, changed));
        const input = changed + seed.slice(seed.indexOf("\x1f"));
        try {
          runStages(input);
          return false;
        } catch (error) {
          return isConverterError(error);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** Only raw mutations (no escape that normalisation would turn back into the original). */
function normalisesTo(text: string, expected: string): boolean {
  try {
    return normaliseInput(text) === expected;
  } catch {
    return true;
  }
}
