// What a laser reader types for a 2D-DOC's separators (contract §10, "Border portal"): the real characters, a
// replacement text, or nothing; every form must give back the document the issuer signed, and a scan that stops
// early must be told apart ("cut short"). Documents: the specimen (production key FR03/AV01, bundled trust list)
// and documents signed here by a freshly generated key (invented identities).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { readScan } from "../../../src/portal/read-scan.js";
import { readBack, MAX_READINGS } from "../../../src/twoddoc/read-back.js";
import { parseHeader } from "../../../src/twoddoc/header.js";
import { defaultTrustBundle, loadTrustStore } from "../../../src/twoddoc/trust-store.js";
import { encodeBase45 } from "../../../src/dcc/base45.js";
import { SPECIMEN } from "../../support/own-documents.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE } from "../../support/twoddoc-fixtures.js";

const signer = makeTestSigner();
const trust = loadTrustStore(`${defaultTrustBundle()}\n${signer.pem}`);
const dropped = (text: string) => text.replace(/[\x1d-\x1f]/g, "");

function barcodeOf(input: string): string {
  const reading = readScan(input, trust);
  assert.equal(reading.kind, "barcode");
  return reading.kind === "barcode" ? reading.barcode : "";
}

describe("readScan: the separators of the specimen 2D-DOC, however the reader typed them", () => {
  const signed = SPECIMEN.raw;
  it("the real characters: the text as typed", () => {
    assert.deepEqual(readScan(signed, trust), { kind: "barcode", barcode: signed, recovered: false });
  });
  it("replacement texts (<GS>, control pictures, \\x1D): as typed, the normaliser reads them", () => {
    for (const typed of [
      signed.replaceAll("\x1d", "<GS>").replaceAll("\x1f", "<US>"),
      signed.replaceAll("\x1d", "\u241d").replaceAll("\x1f", "\u241f"),
    ]) {
      assert.deepEqual(readScan(typed, trust), { kind: "barcode", barcode: typed, recovered: false });
    }
  });
  it("GS dropped, US kept: read back from the field rules, the signed reading chosen", () => {
    assert.deepEqual(readScan(signed.replaceAll("\x1d", ""), trust), { kind: "barcode", barcode: signed, recovered: true });
  });
  it("every separator dropped: read back, the signed reading chosen", () => {
    assert.deepEqual(readScan(dropped(signed), trust), { kind: "barcode", barcode: signed, recovered: true });
  });
});

describe("readScan: the signature decides between readings", () => {
  it("a B2 whose name holds a field identifier, a cut value (RS) and a stray GS after a fixed field", () => {
    const message = "F0MARIE/ANNEF1\x1dF1SPECIMEN\x1dF201011970\x1dF3FF4945006\x1dF5NF6010620211030";
    const document = sign2DDoc(header04() + message, signer.privateKey);
    assert.equal(barcodeOf(dropped(document)), document);
    const cut = sign2DDoc(
      `${header04()}F0${"A".repeat(60)}\x1eF1SPECIMEN\x1dF201011970F3FF4945006\x1dF5NF6010620211030`,
      signer.privateKey,
    );
    assert.equal(barcodeOf(dropped(cut)), cut);
  });
  it("a forged document (no reading verifies) goes on as typed, for the verifier to refuse its signature", () => {
    const forged = sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, makeTestSigner().privateKey);
    const reading = readScan(dropped(forged), trust);
    assert.equal(reading.kind, "barcode");
    assert.equal(reading.kind === "barcode" && dropped(reading.barcode), dropped(forged));
  });
  it("the readings are bounded", () => {
    const text = dropped(sign2DDoc(header04() + SPECIMEN_B2_MESSAGE, signer.privateKey));
    const back = readBack(text, parseHeader(text));
    assert.equal(back.kind, "readings");
    assert.ok(back.kind === "readings" && back.readings.length <= MAX_READINGS && back.readings.length > 1);
  });
});

describe("readScan: a scan cut short", () => {
  const signed = SPECIMEN.raw;
  for (const [label, typed] of [
    ["in the middle of the fields", signed.slice(0, 60)],
    ["in the signature", signed.slice(0, signed.length - 20)],
    ["in the signature, separators dropped", dropped(signed).slice(0, dropped(signed).length - 20)],
    ["right after the fields", signed.slice(0, signed.indexOf("\x1f"))],
  ] as const) {
    it(label, () => assert.deepEqual(readScan(typed, trust), { kind: "cut-short" }));
  }
  it("an HC1: whose zlib stream stops early; a whole one goes on as typed", () => {
    const hc1 = `HC1:${encodeBase45(deflateSync(Buffer.alloc(400, 7)))}`;
    assert.deepEqual(readScan(hc1, trust), { kind: "barcode", barcode: hc1, recovered: false });
    assert.deepEqual(readScan(hc1.slice(0, 20), trust), { kind: "cut-short" });
  });
  it("text that is no 2D-DOC goes on as typed (the verifier refuses it)", () => {
    assert.deepEqual(readScan("hello", trust), { kind: "barcode", barcode: "hello", recovered: false });
  });
});

describe("an ICAO VDS-NC seal (JSON) as scanned", () => {
  const seal = JSON.stringify({ data: { hdr: { t: "icao.test", v: 1, is: "FRA" }, msg: { utci: 'A"B}' } }, sig: { alg: "ES256" } });

  it("whole, with the reader's trailing newline: goes to the verifier as typed", () => {
    assert.deepEqual(readScan(`${seal}\n`, trust), { kind: "barcode", barcode: seal, recovered: false });
  });

  it("ending inside a string, an object or an array: cut short", () => {
    for (const end of [20, seal.indexOf("B}") + 1, seal.length - 1])
      assert.deepEqual(readScan(seal.slice(0, end), trust), { kind: "cut-short" }, `${end}`);
    assert.deepEqual(readScan('{"a":[1,', trust), { kind: "cut-short" });
  });

  it("a JSON text with one closing too many is not a prefix: the verifier judges it (400 there)", () => {
    assert.equal(readScan(`${seal}}`, trust).kind, "barcode");
  });
});
