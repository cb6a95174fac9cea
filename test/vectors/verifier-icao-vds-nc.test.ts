// The public ICAO VDS-NC seals (icao-vds-nc/cases.json under DCC_VECTORS_DIR, read in place) through the verification
// service's core, each case's CSCAs as ICAO_CSCA (parsed by the product's reader): the seal checks reach the outcome the
// case expects (valid: every seal check passed; invalid-signature: the signature check failed; untrusted-signer: the
// chain check failed), and a verified Australian vaccination seal is judged by the `activity` rules as far as it can
// be: the rules that read the total doses, which a seal does not carry, are open, so the decision is undetermined.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NO_CSCA, parseCscaList } from "../../src/icao/csca-list.js";
import { verifyBarcode } from "../../src/verification/verify-barcode.js";
import type { Check, Verification } from "../../src/verification/types.js";
import { verificationDeps } from "../support/verification-fixtures.js";
import { vectorsDir } from "../support/vectors.js";

interface SealCase {
  readonly id: string;
  readonly seal: string;
  readonly cscas: readonly string[];
  readonly expected: "valid" | "invalid-signature" | "untrusted-signer";
}

// Inside the Australian signer's validity (2021-08-31 – 2031-09-30) and inside the activity set's windows.
const AT = new Date("2021-12-01T12:00:00Z");
const SEAL_CHECKS = ["seal-format", "signature", "seal-chain", "seal-signer-validity", "seal-key-usage", "seal-document-type"];
const resultOf = (result: Verification, id: string) => result.checks.find((check) => check.id === id)?.result;

const root = vectorsDir("ICAO VDS-NC seals through the verifier");
if (root !== undefined) {
  const dir = join(root, "icao-vds-nc");
  const { cases } = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as { cases: SealCase[] };
  const pemOf = (file: string) => readFileSync(join(dir, file.replace(/\.der$/, ".pem")), "utf8");
  const depsOf = (entry: SealCase) =>
    verificationDeps({
      icaoTrust: entry.cscas.length === 0 ? NO_CSCA : parseCscaList(entry.cscas.map(pemOf).join("")),
    });

  describe("ICAO VDS-NC public seals through verifyBarcode", () => {
    for (const entry of cases) {
      it(`${entry.id}: ${entry.expected}`, () => {
        const text = readFileSync(join(dir, entry.seal), "utf8");
        const result = verifyBarcode({ barcode: text, validationTime: AT }, depsOf(entry));
        assert.equal(result.format, "icao");
        if (entry.expected === "valid") {
          for (const id of SEAL_CHECKS) assert.equal(resultOf(result, id), "passed", id);
          assert.notEqual(result.decision, "invalid");
        } else {
          assert.equal(result.decision, "invalid");
          assert.equal(resultOf(result, entry.expected === "invalid-signature" ? "signature" : "seal-chain"), "failed");
          assert.equal(result.holder, undefined, "nothing of an unverified seal is shown");
        }
      });
    }
  });

  it("a verified Australian vaccination seal: its last dose judged, the rules reading the total doses open", () => {
    const entry = cases.find((c) => c.id === "au-valid/16f2");
    assert.ok(entry !== undefined);
    const text = readFileSync(join(dir, entry.seal), "utf8");
    const result = verifyBarcode({ barcode: text, validationTime: AT, detail: "full" }, depsOf(entry));
    assert.equal(result.type, "vaccination");
    assert.deepEqual([result.certificate?.v?.[0]?.dn, result.certificate?.v?.[0]?.dt], [2, "2021-07-01"]);
    const rules = result.checks.filter((check: Check) => check.kind === "rule");
    assert.ok(rules.length > 0, "activity rules are in force in December 2021");
    assert.ok(
      rules.some((check) => check.result === "open"),
      "a rule reading sd is open",
    );
    assert.ok(
      rules.some((check) => check.result === "passed"),
      "a rule reading only what the seal carries is judged",
    );
    assert.equal(result.decision, "undetermined");
  });
}
