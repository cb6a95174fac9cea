// Regression: "quadratic trim" — a 16 KiB document of `x`, 16,300 spaces and `x` once cost a conversion worker
// ~25× a plain 16 KiB input, because surrounding space was trimmed by a regex anchored at the end, retried
// from every inner space. These tests pin the linear structure, not a speed (bench/adversarial-input.ts
// measures it): every shape is refused like a plain oversize input, and no regular expression ever sees
// more than the decoded text's bound.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MAX_DOCUMENT_LENGTH, MAX_INPUT_LENGTH, normaliseInput } from "../../../src/twoddoc/normalise.js";
import { ADVERSARIAL_INPUTS, PLAIN_OVERSIZE_INPUT } from "../../support/adversarial-inputs.js";

/** Runs `work` with RegExp#exec watched (test, replace, match and split all go through it) and returns
 *  the longest string any regular expression was run on. */
function longestRegexSubject(work: () => void): number {
  const exec = RegExp.prototype.exec;
  let longest = 0;
  RegExp.prototype.exec = function watched(this: RegExp, subject: string) {
    longest = Math.max(longest, String(subject).length);
    return exec.call(this, subject);
  };
  try {
    work();
  } catch {
    // the refusal itself is asserted separately
  } finally {
    RegExp.prototype.exec = exec;
  }
  return longest;
}

function codeOf(input: string): string | undefined {
  try {
    normaliseInput(input);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe("quadratic trim: adversarial inputs cost what a plain input of their size costs", () => {
  it("the watch sees regular expressions at all (the check below could fail)", () => {
    assert.ok(longestRegexSubject(() => normaliseInput("DC04")) > 0);
  });

  it("a plain oversize input is refused with ERR_2DDOC_TOO_LONG", () => {
    assert.ok(PLAIN_OVERSIZE_INPUT.length <= MAX_INPUT_LENGTH, "inside the raw bound: refused after decoding");
    assert.equal(codeOf(PLAIN_OVERSIZE_INPUT), "ERR_2DDOC_TOO_LONG");
  });

  for (const [shape, { input, normaliseCode }] of Object.entries(ADVERSARIAL_INPUTS)) {
    const outcome =
      normaliseCode === null ? "passes to the parser (nothing to refuse yet)" : `is refused with ${normaliseCode}, as the plain one`;
    it(`${shape} (${input.length} chars) ${outcome}`, () => {
      assert.equal(codeOf(input), normaliseCode ?? undefined);
    });
    it(`${shape}: no regular expression runs on more than ${MAX_DOCUMENT_LENGTH} characters`, () => {
      assert.ok(longestRegexSubject(() => normaliseInput(input)) <= MAX_DOCUMENT_LENGTH);
    });
  }

  it("an input over the raw bound meets no regular expression at all", () => {
    assert.equal(
      longestRegexSubject(() => normaliseInput(" ".repeat(MAX_INPUT_LENGTH + 1))),
      0,
    );
  });

  it("a text of exactly the bound after decoding is still accepted; one more character is refused", () => {
    assert.equal(normaliseInput(`  ${"%1D".repeat(MAX_DOCUMENT_LENGTH)}  `).length, MAX_DOCUMENT_LENGTH);
    assert.equal(codeOf(`${"%1D".repeat(MAX_DOCUMENT_LENGTH)}A`), "ERR_2DDOC_TOO_LONG");
  });
});
