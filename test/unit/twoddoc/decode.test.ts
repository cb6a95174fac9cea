import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { decode2DDoc, verify2DDoc } from "../../../src/twoddoc/decode.js";
import { parseDocument } from "../../../src/twoddoc/parse.js";
import { loadTrustStore } from "../../../src/twoddoc/trust-store.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE } from "../../support/twoddoc-fixtures.js";

const signer = makeTestSigner();
const trust = loadTrustStore(signer.pem);
const DOC = sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey);

describe("parseDocument", () => {
  it("keeps the exact signed bytes, trailing GS included (ANTS 2D-Doc signature zone)", () => {
    const text = sign2DDoc(`${header04()}${SPECIMEN_B2_MESSAGE}\x1d`, signer.privateKey);
    const doc = parseDocument(text);
    assert.equal(doc.signedData.toString("latin1"), `${header04()}${SPECIMEN_B2_MESSAGE}\x1d`);
    assert.equal(doc.signature.length, 64);
    assert.equal(decode2DDoc(text, trust).signature, "valid");
  });
});

describe("decode2DDoc — every input form gives the same valid document", () => {
  const forms = {
    raw: DOC,
    tokens: DOC.replaceAll("\x1d", "<GS>").replaceAll("\x1f", "<US>"),
    percent: encodeURIComponent(DOC),
    query: `https://bonjour.tousanticovid.gouv.fr/app/wallet?v=${encodeURIComponent(DOC)}`,
    fragment: `https://bonjour.tousanticovid.gouv.fr/app/wallet2d#${encodeURIComponent(DOC)}`,
    escapes: DOC.replaceAll("\x1d", "\\x1D").replaceAll("\x1f", "\\u001f"),
    pictures: DOC.replaceAll("\x1d", "\u241d").replaceAll("\x1f", "\u241f"),
  };
  for (const [form, input] of Object.entries(forms)) {
    it(form, () => {
      const { document, signature } = decode2DDoc(input, trust);
      assert.equal(signature, "valid");
      assert.equal(document.fields["F0"]?.value, "MARIE/ANNE");
      assert.equal(verify2DDoc(input, trust).signatureStatus, "valid");
    });
  }
});

describe("decode2DDoc — bad input gets its documented code", () => {
  const cases: Array<[string, string, string]> = [
    ["empty", "", "ERR_2DDOC_EMPTY"],
    ["1 MB", "DC04".padEnd(1_048_576, "A"), "ERR_2DDOC_TOO_LONG"],
    [
      "binary noise",
      randomBytes(300)
        .toString("latin1")
        .replace(/^[\s\x00-\x7f]*/, "\xff"),
      "ERR_2DDOC_ENCODING",
    ],
    ["no marker", "HELLO WORLD", "ERR_2DDOC_MARKER"],
    ["version 01", "DC01FR03AV011E6A1E6AL1", "ERR_2DDOC_VERSION"],
    ["truncated header", "DC04FR03AV011E6A", "ERR_2DDOC_HEADER"],
    ["truncated header with US", DOC.slice(0, 20) + DOC.slice(DOC.indexOf("\x1f")), "ERR_2DDOC_HEADER"],
    ["no signature", header04() + SPECIMEN_B2_MESSAGE, "ERR_2DDOC_NO_SIGNATURE"],
    ["short signature", DOC.slice(0, -1), "ERR_2DDOC_SIGNATURE_ENCODING"],
    [
      "lower-case signature",
      DOC.slice(0, DOC.indexOf("\x1f")) + DOC.slice(DOC.indexOf("\x1f")).toLowerCase(),
      "ERR_2DDOC_SIGNATURE_ENCODING",
    ],
    ["missing field", DOC.replace("F3F", ""), "ERR_2DDOC_MESSAGE"],
    ["bad field", DOC.replace("F5N", "F55"), "ERR_2DDOC_FIELD"],
  ];
  for (const [name, input, code] of cases) {
    it(`${name} → ${code}`, () => {
      assert.throws(
        () => decode2DDoc(input, trust),
        (error: Error & { code?: string }) => {
          assert.equal(error.code, code);
          assert.equal(error.message.includes("SPECIMEN"), false);
          return true;
        },
      );
    });
  }
});
