// Known-answer test of the v2 key derivation and wire format (docs/tousanticovid.md) with fixed keys and IVs.
// The keys are the P-256 ECDH test vector of RFC 5903 §8.1 (initiator i = the app, responder r = the
// server); the expected values are written out below (computed once with Python `cryptography` 48)
// AND recomputed in this test with node:crypto primitives, independently of src/tac.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createCipheriv, createECDH, createHmac, createPublicKey } from "node:crypto";
import { deriveConversionKey } from "../../../src/tac/key-derivation.js";
import { openMessage, sealMessage } from "../../../src/tac/wire.js";
import { openExchange } from "../../../src/tac/encrypted-exchange.js";

const RFC5903 = {
  i: "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433",
  r: "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53",
  girx: "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de",
};
const CLIENT_SPKI =
  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2tC2U5QiHPmwUeH+yleH0Jjf5jf8kLnvlF0MN3JYEYBScaBGHNuCUtYfHEVvo+WasfRbM6zPX1g4ngV3uJkLsw==";
const SERVER_SPKI =
  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE0S37UonI1PgSCLcCcDmMNCKWlwoLzLdMc2/HVUSUv2NW+/PKNmzCPoFXhUwTxY1qrCPwRq2jD4NT508zA5hyqw==";
const EXPECTED_KEY = "944f3e7db9831e7d08c602956c8a5824d5d21c6141784c5c5a1501ec7ab45682";
const REQUEST_IV = Buffer.from("000102030405060708090a0b", "hex");
const REQUEST_PLAINTEXT = "DC04FR00\x1dSPECIMEN\x1fKAT";
const EXPECTED_REQUEST = "AAECAwQFBgcICQoLorT/wzEYIoojSfJ96E/7JnbqT/9lSSg4pXU/t/FAL1cFBRT1Kw==";
const RESPONSE_IV = Buffer.from("a0a1a2a3a4a5a6a7a8a9aaab", "hex");
const RESPONSE_PLAINTEXT = "HC1:NCFKAT-SPECIMEN";
const EXPECTED_RESPONSE = "oKGio6SlpqeoqaqrrUmhHzwd5/f7sqNkp2OYjl/jNh2Fv9QxEc9McEoImXg3Mgs=";

/** ECDH computed here with node's createECDH (not the diffieHellman path the test client uses). */
function independentShared(privateHex: string, peerSpki: string): Buffer {
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(privateHex, "hex"));
  const peerPoint = Buffer.from(peerSpki, "base64").subarray(-65);
  return ecdh.computeSecret(peerPoint);
}

function independentSeal(key: Buffer, iv: Buffer, plaintext: string): string {
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
}

test("the RFC 5903 keys give the RFC's shared secret on both sides", () => {
  assert.equal(independentShared(RFC5903.i, SERVER_SPKI).toString("hex"), RFC5903.girx);
  assert.equal(independentShared(RFC5903.r, CLIENT_SPKI).toString("hex"), RFC5903.girx);
});

test("k = HMAC-SHA256(shared, 'conversion') matches the known answer and an independent HMAC", () => {
  const shared = Buffer.from(RFC5903.girx, "hex");
  const independent = createHmac("sha256", shared).update(Buffer.from("636f6e76657273696f6e", "hex")).digest("hex");
  assert.equal(independent, EXPECTED_KEY);
  assert.equal(deriveConversionKey(shared).toString("hex"), EXPECTED_KEY);
});

test("wire format: base64(IV ‖ ciphertext ‖ tag) matches the known answer both ways", () => {
  const key = Buffer.from(EXPECTED_KEY, "hex");
  assert.equal(independentSeal(key, REQUEST_IV, REQUEST_PLAINTEXT), EXPECTED_REQUEST);
  assert.equal(independentSeal(key, RESPONSE_IV, RESPONSE_PLAINTEXT), EXPECTED_RESPONSE);
  assert.equal(sealMessage(key, RESPONSE_PLAINTEXT, RESPONSE_IV), EXPECTED_RESPONSE);
  assert.equal(openMessage(key, EXPECTED_REQUEST), REQUEST_PLAINTEXT);
  const bytes = Buffer.from(EXPECTED_RESPONSE, "base64");
  assert.equal(bytes.length, 12 + Buffer.byteLength(RESPONSE_PLAINTEXT) + 16);
  assert.deepEqual(bytes.subarray(0, 12), RESPONSE_IV);
});

test("a whole exchange with a stub vault holding the RFC 5903 server key decrypts the known request", async () => {
  const calls: Buffer[] = [];
  const vault = {
    keyAgreementKeys: { kat01: SERVER_SPKI },
    async deriveSharedSecret(alias: string, point: Buffer): Promise<Buffer> {
      assert.equal(alias, "kat01");
      calls.push(point);
      const ecdh = createECDH("prime256v1");
      ecdh.setPrivateKey(Buffer.from(RFC5903.r, "hex"));
      return ecdh.computeSecret(point);
    },
  };
  const exchange = await openExchange(vault, "kat01", CLIENT_SPKI);
  assert.equal(exchange.open(EXPECTED_REQUEST), REQUEST_PLAINTEXT);
  // The point handed to the HSM is the client's uncompressed point, as CKM_ECDH1_DERIVE wants it.
  const clientPoint = createPublicKey({ key: Buffer.from(CLIENT_SPKI, "base64"), format: "der", type: "spki" }).export({ format: "jwk" });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.[0], 0x04);
  assert.equal(calls[0]?.subarray(1, 33).toString("base64url"), clientPoint.x);
  // The response is sealed with a fresh IV: same plaintext, two different wires, both open with k.
  const first = exchange.seal(RESPONSE_PLAINTEXT);
  const second = exchange.seal(RESPONSE_PLAINTEXT);
  assert.notEqual(first, second);
  const key = Buffer.from(EXPECTED_KEY, "hex");
  assert.equal(openMessage(key, first), RESPONSE_PLAINTEXT);
  assert.equal(openMessage(key, second), RESPONSE_PLAINTEXT);
});
