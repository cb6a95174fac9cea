// Inputs of one size (~16 KiB, the single-conversion body bound) shaped to make a careless scanner
// backtrack or rescan, each with the code the normaliser refuses it with (`null`: it passes the
// normaliser and the parser refuses it). Shared by the regression test and bench/adversarial-input.ts.
const SIZE = 16_300;
const DEEP_LINK = "https://bonjour.tousanticovid.gouv.fr/app/wallet?v=";

/** A plain input of the same size: refused as too long after decoding. */
export const PLAIN_OVERSIZE_INPUT = "DC04".padEnd(SIZE + 2, "A");

export interface AdversarialInput {
  readonly input: string;
  readonly normaliseCode: "ERR_2DDOC_TOO_LONG" | null;
}

export const ADVERSARIAL_INPUTS: Readonly<Record<string, AdversarialInput>> = {
  "x, 16,300 spaces, x": { input: `x${" ".repeat(SIZE)}x`, normaliseCode: "ERR_2DDOC_TOO_LONG" },
  "16,300 spaces and tabs, then x": { input: `${" \t".repeat(SIZE / 2)}x`, normaliseCode: null },
  "4,075 <GS> tokens": { input: "<GS>".repeat(SIZE / 4), normaliseCode: null },
  "many almost-tokens": { input: "<G".repeat(SIZE / 2), normaliseCode: "ERR_2DDOC_TOO_LONG" },
  "many % escapes": { input: "%1D".repeat(Math.floor(SIZE / 3)), normaliseCode: "ERR_2DDOC_TOO_LONG" },
  "many backslashes": { input: "\\".repeat(SIZE), normaliseCode: "ERR_2DDOC_TOO_LONG" },
  "a huge deep link": {
    input: `${DEEP_LINK}${"%20".repeat(Math.floor((SIZE - DEEP_LINK.length) / 3))}`,
    normaliseCode: "ERR_2DDOC_TOO_LONG",
  },
  "deep-link prefixes repeated": { input: DEEP_LINK.repeat(Math.floor(SIZE / DEEP_LINK.length)), normaliseCode: "ERR_2DDOC_TOO_LONG" },
};
