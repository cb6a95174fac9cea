// encode → verify round trips with the node:crypto test signer (hcert §3, §4.2; dgc-testdata flag semantics), every intermediate
// checked, and each verifier stage made to fail on purpose.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verify } from "node:crypto";
import { decodeCbor, encodeCbor, Tag } from "../../../src/dcc/cbor.js";
import { encodeBase45 } from "../../../src/dcc/base45.js";
import { keyUsageOids } from "../../../src/dcc/check-key-usage.js";
import { encodeDcc } from "../../../src/dcc/encode.js";
import { verifyHc1 } from "../../../src/dcc/verify.js";
import { compress, decompress } from "../../../src/dcc/zlib.js";
import { makeTestSigner } from "../../support/test-signer.js";
import { ALL_PAYLOADS, vaccinationPayload } from "./fixtures.js";

const NOW = new Date("2024-03-10T08:30:00Z");
const LATER = new Date("2024-03-11T08:30:00Z");
const dsc = makeTestSigner();

for (const [type, make] of Object.entries(ALL_PAYLOADS)) {
  test(`${type}: encode → verify, every intermediate consistent, signature checked directly too`, async () => {
    const encoded = await encodeDcc({ payload: make(), signer: dsc.signer, now: NOW });
    assert.equal(encoded.type, type);
    assert.ok(encoded.hc1.startsWith("HC1:") && encoded.hc1.slice(4) === encoded.base45);
    assert.ok(decompress(encoded.compressed).equals(encoded.cose));
    assert.ok(
      encoded.protectedHeader.equals(
        encodeCbor(
          new Map<number, unknown>([
            [1, -7],
            [4, dsc.signer.kid],
          ]),
        ),
      ),
    );
    assert.ok(encoded.sigStructure.equals(encodeCbor(["Signature1", encoded.protectedHeader, Buffer.alloc(0), encoded.cbor])));
    const sign1 = decodeCbor(encoded.cose) as Tag;
    assert.equal(sign1.tag, 18);
    assert.deepEqual((sign1.value as unknown[])[1], new Map(), "unprotected header is an empty map");
    assert.equal(encoded.signature.length, 64);
    assert.ok(verify("sha256", encoded.sigStructure, { key: dsc.publicKey, dsaEncoding: "ieee-p1363" }, encoded.signature));
    const report = verifyHc1(encoded.hc1, { certificates: [dsc.certificate], at: LATER });
    assert.equal(report.valid, true, JSON.stringify(report.stages));
    assert.deepEqual(report.payload, make());
    assert.equal(report.kid, dsc.signer.kid.toString("base64"));
    assert.equal(report.alg, -7);
    assert.deepEqual(report.claims, { iss: "FR", iat: encoded.issuedAt.getTime() / 1000, exp: encoded.expiresAt.getTime() / 1000 });
  });
}

test("the signer must be allowed for the type (ERR_DCC_NO_SIGNER)", async () => {
  const testOnly = makeTestSigner({ types: ["t"] });
  await assert.rejects(encodeDcc({ payload: vaccinationPayload(), signer: testOnly.signer, now: NOW }), { code: "ERR_DCC_NO_SIGNER" });
});

test("each verifier stage fails with its code and stops the chain", async () => {
  const encoded = await encodeDcc({ payload: vaccinationPayload(), signer: dsc.signer, now: NOW });
  const certs = { certificates: [dsc.certificate], at: LATER };
  const failing = (text: string, options = certs) => {
    const report = verifyHc1(text, options);
    assert.equal(report.valid, false);
    const failed = Object.entries(report.stages).find(([, stage]) => !stage.ok && stage.skipped !== true);
    return failed === undefined ? undefined : [failed[0], failed[1].code];
  };
  assert.deepEqual(failing(`HC2:${encoded.base45}`), ["prefix", "ERR_HC1_PREFIX"]);
  assert.deepEqual(failing(`${encoded.hc1}a`), ["base45", "ERR_HC1_BASE45"]);
  assert.deepEqual(failing(`HC1:${encodeBase45(encoded.cose)}`), ["zlib", "ERR_HC1_ZLIB"]);
  assert.deepEqual(failing(`HC1:${encodeBase45(compress(encodeCbor([1, 2])))}`), ["cose", "ERR_COSE_FORMAT"]);
  assert.deepEqual(failing(encoded.hc1, { certificates: [makeTestSigner().certificate], at: LATER }), [
    "signature",
    "ERR_COSE_UNKNOWN_KID",
  ]);
  const tampered = Buffer.from(encoded.signature);
  tampered[10] = tampered[10]! ^ 1;
  const forged = encodeCbor(new Tag([encoded.protectedHeader, new Map(), encoded.cbor, tampered], 18));
  assert.deepEqual(failing(`HC1:${encodeBase45(compress(forged))}`), ["signature", "ERR_COSE_SIGNATURE"]);
  assert.deepEqual(failing(encoded.hc1, { certificates: [dsc.certificate], at: new Date("2026-01-01T00:00:00Z") }), [
    "expiration",
    "ERR_CWT_EXPIRED",
  ]);
  assert.deepEqual(failing(encoded.hc1, { certificates: [dsc.certificate], at: new Date("2024-03-10T08:29:00Z") }), [
    "expiration",
    "ERR_CWT_EXPIRED",
  ]);
  const report = verifyHc1(`HC2:${encoded.base45}`, certs);
  assert.deepEqual(report.stages.keyUsage, { ok: false, skipped: true });
});

test("key usage: an EKU of another type refuses, either arc of the right type accepts", async () => {
  for (const [eku, ok] of [
    [keyUsageOids("t"), false],
    [[keyUsageOids("v")[0]!], true],
    [[keyUsageOids("v")[1]!], true],
    [["1.3.6.1.5.5.7.3.2"], false],
  ] as const) {
    const signer = makeTestSigner({ eku: [...eku] });
    const encoded = await encodeDcc({ payload: vaccinationPayload(), signer: signer.signer, now: NOW });
    const report = verifyHc1(encoded.hc1, { certificates: [signer.certificate], at: LATER });
    assert.deepEqual(report.stages.keyUsage, ok ? { ok: true } : { ok: false, code: "ERR_DSC_KEY_USAGE" }, eku.join());
  }
});

test("the signing DSC is found by kid among several trusted certificates", async () => {
  const encoded = await encodeDcc({ payload: vaccinationPayload(), signer: dsc.signer, now: NOW });
  const report = verifyHc1(encoded.hc1, { certificates: [makeTestSigner().certificate, dsc.certificate], at: LATER });
  assert.equal(report.valid, true);
});
