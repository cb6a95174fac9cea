import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { defaultTrustBundle, loadTrustStore, readTrustBundle, trustStoreFromSigners } from "../../../src/twoddoc/trust-store.js";
import { makeTestSigner } from "../../support/twoddoc-fixtures.js";

describe("defaultTrustBundle (assets/trust)", () => {
  const store = loadTrustStore(defaultTrustBundle());
  it("holds exactly the five French Covid signers", () => {
    assert.equal(store.size, 5);
    for (const certId of ["AHP1", "AHP2", "AV01", "AV02", "ING1"]) assert.ok(store.find("FR03", certId), certId);
  });
  it("never holds the test keys FR00/0001 or DHI0/TST1", () => {
    assert.equal(store.find("FR00", "0001"), undefined);
    assert.equal(store.find("DHI0", "TST1"), undefined);
  });
  it("reads the validity period of each certificate", () => {
    const av01 = store.find("FR03", "AV01");
    assert.equal(av01?.notBefore.toISOString(), "2021-04-22T22:00:00.000Z");
    assert.equal(av01?.notAfter.toISOString(), "2024-04-21T21:59:59.000Z");
    assert.equal(av01?.publicKey.asymmetricKeyDetails?.namedCurve, "prime256v1");
  });
});

describe("loadTrustStore", () => {
  it("keys certificates by (issuer CN, subject CN)", () => {
    const signer = makeTestSigner({ caId: "FR98", certId: "AB12" });
    const store = loadTrustStore(`# comment\n${signer.pem}\n${makeTestSigner().pem}`);
    assert.equal(store.size, 2);
    assert.equal(store.find("FR98", "AB12")?.publicKey.equals(signer.publicKey), true);
    assert.equal(store.find("FR99", "TST9")?.certId, "TST9");
    assert.equal(store.find("AB12", "FR98"), undefined);
  });
  it("refuses a bundle without certificate, with garbage, or ambiguous, naming the variable", () => {
    const pem = makeTestSigner().pem;
    const bad = ["", "not a pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", `${pem}${pem}`];
    for (const bundle of bad) {
      assert.throws(() => loadTrustStore(bundle), { name: "ConfigError", code: "ERR_CONFIG", field: "TWODDOC_TRUST_BUNDLE" });
    }
  });
  it("refuses an unreadable bundle file with ERR_CONFIG", () => {
    assert.throws(() => readTrustBundle("/nonexistent/trust.pem"), { code: "ERR_CONFIG", field: "TWODDOC_TRUST_BUNDLE" });
  });
  it("builds a store directly from signers", () => {
    const { publicKey } = makeTestSigner();
    const signer = { caId: "DHI0", certId: "TST1", publicKey, notBefore: new Date(0), notAfter: new Date(1e13), country: "FR" };
    assert.equal(trustStoreFromSigners([signer]).find("DHI0", "TST1"), signer);
  });
});
