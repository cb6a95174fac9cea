import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { MAX_INPUT_LENGTH, normaliseInput } from "../../../src/twoddoc/normalise.js";

// A short invented text standing for a document: the normaliser does not parse, it only decodes forms.
const RAW = "DC04FR99TST91E6A1E6AB201FRF0MARIE ANNE\x1dF1SPECIMEN\x1eF5N\x1fABC";

describe("normaliseInput — input forms (README.md, HTTP API; docs/tousanticovid.md)", () => {
  it("keeps raw control characters", () => {
    assert.equal(normaliseInput(RAW), RAW);
  });
  it("decodes <GS> <RS> <US> tokens, case-insensitively", () => {
    assert.equal(normaliseInput("DC04FR99TST91E6A1E6AB201FRF0MARIE ANNE<GS>F1SPECIMEN<rs>F5N<Us>ABC"), RAW);
  });
  it("decodes the control pictures ␝␞␟", () => {
    assert.equal(normaliseInput("DC04FR99TST91E6A1E6AB201FRF0MARIE ANNE\u241dF1SPECIMEN\u241eF5N\u241fABC"), RAW);
  });
  it("decodes \\x1D and \\u001d escapes", () => {
    assert.equal(normaliseInput("DC04FR99TST91E6A1E6AB201FRF0MARIE ANNE\\x1DF1SPECIMEN\\u001eF5N\\x1fABC"), RAW);
  });
  it("decodes any %XX percent escape, including %20", () => {
    assert.equal(normaliseInput("DC04FR99TST91E6A1E6AB201FRF0MARIE%20ANNE%1DF1SPECIMEN%1eF5N%1FAB%43"), RAW);
  });
  it("decodes the TousAntiCovid query deep link", () => {
    const link = "https://bonjour.tousanticovid.gouv.fr/app/wallet?v=DC04FR99TST91E6A1E6AB201FRF0MARIE%20ANNE%1DF1SPECIMEN%1EF5N%1FABC";
    assert.equal(normaliseInput(link), RAW);
  });
  it("decodes the TousAntiCovid fragment deep link", () => {
    const link = "https://bonjour.tousanticovid.gouv.fr/app/wallet2d#DC04FR99TST91E6A1E6AB201FRF0MARIE%20ANNE%1DF1SPECIMEN%1EF5N%1FABC";
    assert.equal(normaliseInput(link), RAW);
  });
  it("keeps a + in a deep link as a + (only %20 is a space in these links)", () => {
    assert.equal(normaliseInput("https://bonjour.tousanticovid.gouv.fr/app/wallet?v=A+B"), "A+B");
  });
  it("decodes each escape once: an encoded token stays text", () => {
    assert.equal(normaliseInput("A%3CGS%3EB"), "A<GS>B");
  });
  it("trims surrounding whitespace and newlines but keeps inner spaces", () => {
    assert.equal(normaliseInput(`\r\n  ${RAW}\n\t`), RAW);
  });
  it("trims any surrounding white space as String#trim does (a pasted BOM or no-break space), never inner ones", () => {
    assert.equal(normaliseInput(`\ufeff\u00a0${RAW}\u2028\v`), RAW);
    assert.throws(() => normaliseInput(`DC04\u00a0${RAW}`), { code: "ERR_2DDOC_ENCODING" });
  });
  it("gives the same text for every form of the same document", () => {
    const forms = [
      RAW,
      RAW.replaceAll("\x1d", "<GS>").replaceAll("\x1e", "<RS>").replaceAll("\x1f", "<US>"),
      encodeURIComponent(RAW),
      `https://bonjour.tousanticovid.gouv.fr/app/wallet2d#${encodeURIComponent(RAW)}`,
    ];
    assert.deepEqual(new Set(forms.map(normaliseInput)), new Set([RAW]));
  });
});

describe("normaliseInput — refusals", () => {
  it("refuses empty and blank input with ERR_2DDOC_EMPTY", () => {
    for (const input of ["", "   ", "\n", "https://bonjour.tousanticovid.gouv.fr/app/wallet?v="]) {
      assert.throws(() => normaliseInput(input), { code: "ERR_2DDOC_EMPTY" });
    }
  });
  it("refuses a 1 MB string with ERR_2DDOC_TOO_LONG before decoding it", () => {
    assert.throws(() => normaliseInput("%".repeat(1_000_000)), { code: "ERR_2DDOC_TOO_LONG" });
    assert.throws(() => normaliseInput("A".repeat(MAX_INPUT_LENGTH + 1)), { code: "ERR_2DDOC_TOO_LONG" });
  });
  it("refuses a text longer than a DataMatrix can hold after decoding", () => {
    assert.throws(() => normaliseInput("A".repeat(5000)), { code: "ERR_2DDOC_TOO_LONG" });
  });
  it("refuses invalid percent and backslash escapes with ERR_2DDOC_ENCODING", () => {
    for (const input of ["AB%", "AB%1", "AB%G1", "AB\\x1", "AB\\u1234", "AB\\xZZ"]) {
      assert.throws(() => normaliseInput(input), { code: "ERR_2DDOC_ENCODING" }, input);
    }
  });
  it("refuses characters outside printable ASCII + GS/RS/US", () => {
    for (const input of ["AB\x00C", "AB\nC", "ÉCOLE", "AB%0AC", "AB%C3%A9", "AB\x1cC", "AB\u2603"]) {
      assert.throws(() => normaliseInput(input), { code: "ERR_2DDOC_ENCODING" }, JSON.stringify(input));
    }
  });
  it("never echoes the input in the error", () => {
    assert.throws(
      () => normaliseInput("SECRETNAME\x00"),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, "ERR_2DDOC_ENCODING");
        return !error.message.includes("SECRETNAME");
      },
    );
  });
});
