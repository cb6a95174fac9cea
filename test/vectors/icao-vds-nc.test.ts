// Data-driven over the public ICAO VDS-NC seals (icao-vds-nc/cases.json under DCC_VECTORS_DIR, test/support/vectors.ts):
// each seal against its listed CSCAs, the outcome the case expects (valid, invalid-signature, untrusted-signer) and
// the bare ECDSA result; a compact copy of a pretty-printed seal verifies alike (the signature covers JCS(data)).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { verifySeal, type SealReport } from "../../src/icao/verify-seal.js";
import { vectorsDir } from "../support/vectors.js";

interface SealCase {
  readonly id: string;
  readonly seal: string;
  readonly cscas: readonly string[];
  readonly expected: "valid" | "invalid-signature" | "untrusted-signer";
  readonly signature: "valid" | "invalid";
}

// The Australian signer certificate is current until 2031-09-30; the seals are judged at a fixed time inside it.
const AT = new Date("2026-01-15T12:00:00Z");

function outcomeOf(report: SealReport): SealCase["expected"] {
  if (!report.checks.signature.ok) return "invalid-signature";
  if (!report.checks.chain.ok) return "untrusted-signer";
  return report.valid ? "valid" : "untrusted-signer";
}

const root = vectorsDir("ICAO VDS-NC seals");
if (root !== undefined) {
  const dir = join(root, "icao-vds-nc");
  const { cases } = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as { cases: SealCase[] };

  describe("ICAO VDS-NC public seals (cases.json)", () => {
    for (const entry of cases) {
      it(`${entry.id}: ${entry.expected}`, () => {
        const text = readFileSync(join(dir, entry.seal), "utf8");
        const cscas = entry.cscas.map((file) => new X509Certificate(readFileSync(join(dir, file))));
        const report = verifySeal(text, { cscas, at: AT });
        assert.equal(report.checks.format.ok, true);
        assert.equal(report.checks.signature.ok, entry.signature === "valid");
        assert.equal(outcomeOf(report), entry.expected);
        assert.equal(report.valid, entry.expected === "valid");
        const compact = verifySeal(JSON.stringify(JSON.parse(text)), { cscas, at: AT });
        assert.deepEqual(compact.checks, report.checks);
      });
    }
  });

  it("the Australian signer carries the VDS-NC extended key usage and lists NV; the test signer has neither", () => {
    const au = verifySeal(readFileSync(join(dir, "au-valid.json"), "utf8"), { cscas: [], at: AT });
    assert.equal(au.signer?.extendedKeyUsage, true);
    assert.deepEqual(au.signer?.documentTypes, ["NV"]);
    assert.equal(au.checks.documentType.ok, true);
    const test = verifySeal(readFileSync(join(dir, "test-signer-seal.json"), "utf8"), { cscas: [], at: AT });
    assert.deepEqual(
      { eku: test.checks.extendedKeyUsage.code, type: test.checks.documentType.code },
      { eku: "ERR_SEAL_KEY_USAGE", type: "ERR_SEAL_DOCUMENT_TYPE" },
    );
  });

  it("each element of the VDS-NC-Dotnet examples verifies its signature", () => {
    const seals = JSON.parse(readFileSync(join(dir, "vds-nc-dotnet-examples.json"), "utf8")) as unknown[];
    assert.equal(seals.length, 2);
    for (const seal of seals) assert.equal(verifySeal(JSON.stringify(seal), { cscas: [], at: AT }).checks.signature.ok, true);
  });
}
