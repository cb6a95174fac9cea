import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { parseHeader } from "../../../src/twoddoc/header.js";
import { splitSignatureZone } from "../../../src/twoddoc/signature-zone.js";
import { encodeBase32 } from "../../support/twoddoc-fixtures.js";

const V04 = parseHeader("DC04FR99TST91E6A1E6AB201FR");
const V03 = parseHeader("DC03FR000001FFFF180EA301");
const DATA = "DC04FR99TST91E6A1E6AB201FRF0X\x1d";
const SIGNATURE = randomBytes(64);
const ENCODED = encodeBase32(SIGNATURE);

describe("splitSignatureZone (ANTS 2D-Doc signature and annex zones)", () => {
  it("splits at the first US into data and a 64-byte r‖s", () => {
    const zone = splitSignatureZone(`${DATA}\x1f${ENCODED}`, V04);
    assert.equal(zone.data, DATA);
    assert.deepEqual(zone.signature, SIGNATURE);
    assert.equal(zone.hasAnnex, false);
  });
  it("tolerates the single = padding", () => {
    assert.deepEqual(splitSignatureZone(`${DATA}\x1f${ENCODED}=`, V04).signature, SIGNATURE);
  });
  it("flags a v04 annex after the 103 characters without reading it", () => {
    const zone = splitSignatureZone(`${DATA}\x1f${ENCODED}\x1dAN1234\x1fzz`, V04);
    assert.equal(zone.hasAnnex, true);
    assert.deepEqual(zone.signature, SIGNATURE);
  });
  it("refuses anything after the signature of a v02/v03 document", () => {
    assert.throws(() => splitSignatureZone(`${DATA}\x1f${ENCODED}X`, V03), { code: "ERR_2DDOC_SIGNATURE_ENCODING" });
    assert.deepEqual(splitSignatureZone(`${DATA}\x1f${ENCODED}`, V03).signature, SIGNATURE);
  });
  it("refuses a missing US with ERR_2DDOC_NO_SIGNATURE", () => {
    assert.throws(() => splitSignatureZone(DATA + ENCODED, V04), { code: "ERR_2DDOC_NO_SIGNATURE" });
  });
  it("refuses a short, empty, non-base32 or over-padded signature", () => {
    const bad = [
      ENCODED.slice(0, 102),
      "",
      ENCODED.toLowerCase(),
      `${ENCODED.slice(0, 50)}1${ENCODED.slice(51)}`,
      `${ENCODED}==`,
      `${ENCODED.slice(0, 60)}\x1f${ENCODED.slice(61)}`,
    ];
    for (const signature of bad) {
      assert.throws(() => splitSignatureZone(`${DATA}\x1f${signature}`, V04), { code: "ERR_2DDOC_SIGNATURE_ENCODING" });
    }
  });
});
