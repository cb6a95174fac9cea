import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseDocument } from "../../../src/twoddoc/parse.js";
import { loadTrustStore } from "../../../src/twoddoc/trust-store.js";
import { assertConvertible, checkSignature, isValidOnSignatureDay } from "../../../src/twoddoc/verify.js";
import type { TrustedSigner } from "../../../src/twoddoc/types.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE, SPECIMEN_L1_MESSAGE } from "../../support/twoddoc-fixtures.js";

// Validity 2021-04-22T22:00Z → 2021-12-31T23:59:59Z, like a real leaf issued at Paris midnight.
const signer = makeTestSigner({ notBefore: new Date("2021-04-22T22:00:00Z"), notAfter: new Date("2021-12-31T23:59:59Z") });
const trust = loadTrustStore(signer.pem);
const signed = (data: string) => parseDocument(sign2DDoc(data, signer.privateKey));
// Header dates: 1E69 = 2021-04-25, 1E66 = 2021-04-22, 1E65 = 2021-04-21, 1F64 = 2022-01-01, 1F63 = 2021-12-31.

describe("checkSignature (ANTS 2D-Doc, signature)", () => {
  it("is valid for a document signed by a trusted signer within its validity", () => {
    assert.equal(checkSignature(signed(header04({ date: "1E69" }) + SPECIMEN_B2_MESSAGE), trust), "valid");
    assert.equal(checkSignature(signed(header04({ date: "1E69", type: "L1" }) + SPECIMEN_L1_MESSAGE), trust), "valid");
  });
  it("is invalid when one signed byte changes", () => {
    const text = sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey).replace("SPECIMEN", "SPECIMEM");
    assert.equal(checkSignature(parseDocument(text), trust), "invalid");
  });
  it("is invalid with another key's signature", () => {
    const other = makeTestSigner();
    assert.equal(checkSignature(parseDocument(sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, other.privateKey)), trust), "invalid");
  });
  it("is unknown-signer for a (CA, cert) pair not in the store", () => {
    assert.equal(checkSignature(signed(header04({ certId: "TST8" }) + SPECIMEN_B2_MESSAGE), trust), "unknown-signer");
    assert.equal(checkSignature(signed(header04({ caId: "FR98" }) + SPECIMEN_B2_MESSAGE), trust), "unknown-signer");
  });
  it("checks the signer at the signature date (whole day), not today", () => {
    assert.equal(checkSignature(signed(header04({ date: "1E65" }) + SPECIMEN_B2_MESSAGE), trust), "signer-not-valid-at-signature-date");
    assert.equal(checkSignature(signed(header04({ date: "1E66" }) + SPECIMEN_B2_MESSAGE), trust), "valid");
    assert.equal(checkSignature(signed(header04({ date: "1F63" }) + SPECIMEN_B2_MESSAGE), trust), "valid");
    assert.equal(checkSignature(signed(header04({ date: "1F64" }) + SPECIMEN_B2_MESSAGE), trust), "signer-not-valid-at-signature-date");
  });
  it("refuses a document without signature date (FFFF)", () => {
    assert.equal(checkSignature(signed(header04({ date: "FFFF" }) + SPECIMEN_B2_MESSAGE), trust), "signer-not-valid-at-signature-date");
  });
  it("fails closed when the key cannot verify (never a swallowed true)", () => {
    const broken = { find: (): TrustedSigner => ({ ...trust.find("FR99", "TST9")!, publicKey: null as never }), size: 1 };
    assert.equal(checkSignature(signed(header04() + SPECIMEN_B2_MESSAGE), broken), "invalid");
  });
  it("isValidOnSignatureDay compares whole UTC days", () => {
    const s = trust.find("FR99", "TST9")!;
    assert.deepEqual(
      ["2021-04-21", "2021-04-22", "2021-12-31", "2022-01-01"].map((d) => isValidOnSignatureDay(s, d)),
      [false, true, true, false],
    );
  });
});

describe("assertConvertible — refusals in order", () => {
  it("returns the verified document for a French B2 or L1", () => {
    const verified = assertConvertible(signed(header04() + SPECIMEN_B2_MESSAGE), trust);
    assert.equal(verified.signatureStatus, "valid");
    assert.equal(verified.fields["F5"]?.value, "N");
  });
  it("throws ERR_2DDOC_UNKNOWN_SIGNER, _SIGNER_NOT_VALID, _SIGNATURE", () => {
    assert.throws(() => assertConvertible(signed(header04({ certId: "TST8" }) + SPECIMEN_B2_MESSAGE), trust), {
      code: "ERR_2DDOC_UNKNOWN_SIGNER",
    });
    assert.throws(() => assertConvertible(signed(header04({ date: "1E00" }) + SPECIMEN_B2_MESSAGE), trust), {
      code: "ERR_2DDOC_SIGNER_NOT_VALID",
    });
    const tampered = sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey).replace("F5N", "F5P");
    assert.throws(() => assertConvertible(parseDocument(tampered), trust), { code: "ERR_2DDOC_SIGNATURE" });
  });
  it("checks the signature before the country and type (a forged non-FR doc is a signature error)", () => {
    const forged = sign2DDoc(header04({ country: "DE" }) + SPECIMEN_B2_MESSAGE, makeTestSigner().privateKey);
    assert.throws(() => assertConvertible(parseDocument(forged), trust), { code: "ERR_2DDOC_SIGNATURE" });
  });
  it("throws ERR_2DDOC_NOT_FRENCH for a validly signed non-FR v04 document", () => {
    assert.throws(() => assertConvertible(signed(header04({ country: "BE" }) + SPECIMEN_B2_MESSAGE), trust), {
      code: "ERR_2DDOC_NOT_FRENCH",
    });
  });
  it("foreign signer certificate: a C=DE signer in a wider bundle cannot convert, even with an FR header", () => {
    const german = makeTestSigner({ caId: "DE01", certId: "TST1", country: "DE" });
    const wider = loadTrustStore(`${signer.pem}\n${german.pem}`);
    assert.equal(wider.find("DE01", "TST1")?.country, "DE", "the subject's C is read from the certificate");
    const document = parseDocument(sign2DDoc(header04({ caId: "DE01", certId: "TST1" }) + SPECIMEN_B2_MESSAGE, german.privateKey));
    assert.equal(checkSignature(document, wider), "valid", "the signature itself is good");
    assert.throws(() => assertConvertible(document, wider), { code: "ERR_2DDOC_NOT_FRENCH" });
    assert.equal(
      assertConvertible(signed(header04() + SPECIMEN_B2_MESSAGE), wider).signatureStatus,
      "valid",
      "the French signer still converts",
    );
  });
  it("a signer certificate without a country is not French", () => {
    const anonymous = { find: () => ({ ...trust.find("FR99", "TST9")!, country: undefined }), size: 1 };
    assert.throws(() => assertConvertible(signed(header04() + SPECIMEN_B2_MESSAGE), anonymous), { code: "ERR_2DDOC_NOT_FRENCH" });
  });
  it("throws ERR_2DDOC_DOCUMENT_TYPE for other types and perimeters", () => {
    assert.throws(() => assertConvertible(signed(`${header04({ type: "B3" })}F0X\x1d`), trust), { code: "ERR_2DDOC_DOCUMENT_TYPE" });
    assert.throws(() => assertConvertible(signed(header04({ perimeter: "02" }) + SPECIMEN_B2_MESSAGE), trust), {
      code: "ERR_2DDOC_DOCUMENT_TYPE",
    });
  });
  it("accepts v02 and v03 B2 headers (implicitly perimeter 01, FR)", () => {
    for (const header of ["DC02FR99TST91E6A1E6AB2", "DC03FR99TST91E6A1E6AB201"]) {
      const verified = assertConvertible(signed(header + SPECIMEN_B2_MESSAGE), trust);
      assert.equal(verified.fields["F1"]?.value, "SPECIMEN");
      assert.equal(verified.header.country, "FR");
    }
  });
  it("accepts a document with an annex but never reads it into fields", () => {
    const text = `${sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey)}\x1dF5P\x1dF1OTHER`;
    const verified = assertConvertible(parseDocument(text), trust);
    assert.equal(verified.hasAnnex, true);
    assert.equal(verified.fields["F5"]?.value, "N");
    assert.equal(verified.fields["F1"]?.value, "SPECIMEN");
  });
});
