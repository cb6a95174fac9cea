import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeHeaderDate, parseHeader } from "../../../src/twoddoc/header.js";

describe("parseHeader (ANTS 2D-Doc C40 header)", () => {
  it("reads a v04 header (26 chars) with perimeter and country", () => {
    assert.deepEqual(parseHeader("DC04FR03AV011E6A1E6AL101FRL0X"), {
      version: "04",
      caId: "FR03",
      certId: "AV01",
      issueDate: "2021-04-26",
      signatureDate: "2021-04-26",
      documentType: "L1",
      perimeter: "01",
      country: "FR",
      length: 26,
    });
  });
  it("reads a v03 header (24 chars): country implicitly FR", () => {
    const header = parseHeader("DC03FR000001FFFF180EA301AJEVTC");
    assert.equal(header.length, 24);
    assert.equal(header.perimeter, "01");
    assert.equal(header.country, "FR");
    assert.equal(header.issueDate, null);
    assert.equal(header.signatureDate, "2016-11-10");
  });
  it("reads a v02 header (22 chars): perimeter 01 and country FR implicit", () => {
    const header = parseHeader("DC02FR000001125E125B0126FR2475");
    assert.deepEqual([header.length, header.documentType, header.perimeter, header.country], [22, "01", "01", "FR"]);
    assert.equal(header.issueDate, "2012-11-15");
  });
  it("accepts a header with nothing after it (the message check comes later)", () => {
    assert.equal(parseHeader("DC04FR03AV011E6A1E6AL101FR").length, 26);
  });
  it("keeps a non-French country (the gate refuses it later)", () => {
    assert.equal(parseHeader("DC04FR03AV011E6A1E6AL101DE").country, "DE");
  });
});

describe("decodeHeaderDate", () => {
  it("counts days since 2000-01-01 in UTC", () => {
    assert.equal(decodeHeaderDate("1E69"), "2021-04-25");
    assert.equal(decodeHeaderDate("1337"), "2013-06-20");
    assert.equal(decodeHeaderDate("0000"), "2000-01-01");
    assert.equal(decodeHeaderDate("125E"), "2012-11-15");
  });
  it("reads FFFF as no date", () => {
    assert.equal(decodeHeaderDate("FFFF"), null);
  });
  it("refuses lower-case or non-hex dates", () => {
    for (const hex of ["1e69", "1G69", "12 4", "123"]) assert.throws(() => decodeHeaderDate(hex), { code: "ERR_2DDOC_HEADER" });
  });
});

describe("parseHeader refusals", () => {
  it("requires the DC marker", () => {
    assert.throws(() => parseHeader("XC04FR03AV011E6A1E6AL101FR"), { code: "ERR_2DDOC_MARKER" });
    assert.throws(() => parseHeader("dc04FR03AV011E6A1E6AL101FR"), { code: "ERR_2DDOC_MARKER" });
  });
  it("refuses version 01, unknown versions and the binary form", () => {
    assert.throws(() => parseHeader("DC01FR03AV011E6A1E6AL1"), { code: "ERR_2DDOC_VERSION" });
    assert.throws(() => parseHeader("DC05FR03AV011E6A1E6AL101FR"), { code: "ERR_2DDOC_VERSION" });
    assert.throws(() => parseHeader("DCX4FR03AV011E6A1E6AL101FR"), { code: "ERR_2DDOC_VERSION" });
    assert.throws(() => parseHeader("\xdc\x04\x01\x02"), { code: "ERR_2DDOC_VERSION" });
  });
  it("refuses truncated headers with ERR_2DDOC_HEADER", () => {
    for (const text of ["D", "DC0", "DC04FR03AV011E6A1E6AL101F", "DC03FR000001FFFF180EA30", "DC02FR000001125E125B0"]) {
      assert.throws(() => parseHeader(text), { code: "ERR_2DDOC_HEADER" }, text);
    }
  });
  it("refuses bad ids, dates, type, perimeter and country", () => {
    const bad = [
      "DC04FR0-AV011E6A1E6AL101FR",
      "DC04FR03av011E6A1E6AL101FR",
      "DC04FR03AV011E6Z1E6AL101FR",
      "DC04FR03AV011E6A1E6aL101FR",
      "DC04FR03AV011E6A1E6Al101FR",
      "DC04FR03AV011E6A1E6AL1 1FR",
      "DC04FR03AV011E6A1E6AL101F1",
      "DC04FR03AV011E6A1E6AL101\x1dR",
    ];
    for (const text of bad) assert.throws(() => parseHeader(text), { code: "ERR_2DDOC_HEADER" }, text);
  });
});
