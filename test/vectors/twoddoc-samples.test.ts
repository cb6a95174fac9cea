// Data-driven over the external 2D-DOC samples (2d-doc/samples.json under DCC_VECTORS_DIR, test/support/vectors.ts):
// header, fields and signature result of every entry. Production (FR03) samples verify against the
// BUNDLED trust list; test-key samples against stores built from the vectors' own key material.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decode2DDoc } from "../../src/twoddoc/decode.js";
import { defaultTrustBundle, loadTrustStore, trustStoreFromSigners } from "../../src/twoddoc/trust-store.js";
import type { TrustStore } from "../../src/twoddoc/types.js";
import { signerFromSpki } from "../support/twoddoc-fixtures.js";
import { vectorsDir } from "../support/vectors.js";

interface Sample {
  readonly id: string;
  readonly raw: string;
  readonly key: string;
  readonly expected_signature_valid: boolean;
  readonly header: Record<
    "version" | "ca_id" | "cert_id" | "issue_date" | "signature_date" | "doc_type" | "perimeter" | "country",
    string | null
  >;
  readonly expected_fields: Record<string, string> | null;
}

const root = vectorsDir("2D-DOC samples");
if (root !== undefined) {
  const dir = join(root, "2d-doc");
  const samples = JSON.parse(readFileSync(join(dir, "samples.json"), "utf8")) as Sample[];
  const keys = JSON.parse(readFileSync(join(dir, "keys.json"), "utf8")) as Record<string, { spki_b64: string }>;
  const bundled = loadTrustStore(defaultTrustBundle());
  // FR00/0001 from its certificate (real validity 2012-11-01 → 2015-11-01), and with a wide validity,
  // since most spec samples were signed after the test certificate expired.
  const fr00Certificate = loadTrustStore(readFileSync(join(dir, "certs/FR00_0001_ANTS_TEST.pem"), "utf8"));
  const testKeys = trustStoreFromSigners([
    signerFromSpki("FR00", "0001", keys["FR00/0001"]!.spki_b64),
    signerFromSpki("DHI0", "TST1", keys["DHI0/TST1"]!.spki_b64),
  ]);
  const isProduction = (sample: Sample) => sample.key.startsWith("FR03/");
  const storeFor = (sample: Sample): TrustStore => (isProduction(sample) ? bundled : testKeys);

  describe("2D-DOC samples", () => {
    it("cover production and test keys, valid and tampered", () => {
      assert.ok(samples.filter(isProduction).length >= 4);
      assert.ok(samples.some((sample) => !sample.expected_signature_valid));
    });
    for (const sample of samples) {
      it(sample.id, () => {
        const { document, signature } = decode2DDoc(sample.raw, storeFor(sample));
        const h = sample.header;
        assert.deepEqual(
          [
            document.header.version,
            document.header.caId,
            document.header.certId,
            document.header.issueDate,
            document.header.signatureDate,
            document.header.documentType,
          ],
          [h.version, h.ca_id, h.cert_id, h.issue_date, h.signature_date, h.doc_type],
        );
        assert.equal(document.header.perimeter, h.perimeter ?? "01");
        assert.equal(document.header.country, h.country ?? "FR");
        assert.equal(`${document.header.caId}/${document.header.certId}`, sample.key);
        if (sample.expected_fields !== null) {
          const values = Object.fromEntries(Object.entries(document.fields).map(([di, field]) => [di, field.value]));
          assert.deepEqual(values, sample.expected_fields);
          assert.ok(Object.values(document.fields).every((field) => !field.truncated));
        } else if (!["B2", "L1"].includes(h.doc_type ?? "")) {
          assert.deepEqual(document.fields, {});
        }
        assert.equal(signature, sample.expected_signature_valid ? "valid" : "invalid");
        assert.equal(bundled.find(document.header.caId, document.header.certId) !== undefined, isProduction(sample));
      });
    }
    it("FR00 samples are checked against the test certificate's real validity at their signature date", () => {
      for (const sample of samples.filter((s) => s.key === "FR00/0001")) {
        const date = sample.header.signature_date!;
        const inValidity = date >= "2012-11-01" && date <= "2015-11-01";
        const expected = !inValidity ? "signer-not-valid-at-signature-date" : sample.expected_signature_valid ? "valid" : "invalid";
        assert.equal(decode2DDoc(sample.raw, fr00Certificate).signature, expected, sample.id);
      }
    });
  });
}
