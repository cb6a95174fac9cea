// The verifier on DCCs as other issuers wrote them, generated here with the node:crypto test signer: an older
// schema version (`ver` 1.0.0, as France issued in 2021) checked against the 1.3.x rules; fractional
// NumericDates (RFC 8392 §2; the Hungarian test vectors) read as whole seconds; an `exp` after the DSC's
// notAfter; and a time failure that no longer hides the payload checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeBase45 } from "../../../src/dcc/base45.js";
import { encodeCbor } from "../../../src/dcc/cbor.js";
import { signCose } from "../../../src/dcc/cose.js";
import { CLAIM, HCERT_EU_DCC_V1 } from "../../../src/dcc/cwt.js";
import { encodeDcc } from "../../../src/dcc/encode.js";
import { addPrefix } from "../../../src/dcc/hc1.js";
import type { DccPayload } from "../../../src/dcc/types.js";
import { verifyHc1 } from "../../../src/dcc/verify.js";
import { compress } from "../../../src/dcc/zlib.js";
import { makeTestSigner } from "../../support/test-signer.js";
import { testPayload, vaccinationPayload } from "./fixtures.js";

const dsc = makeTestSigner();
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** An HC1 signed by the test DSC with exactly these claims (numbers written as given: floats stay floats). */
async function hc1With(payload: DccPayload, iat: number, exp: number, signer = dsc.signer): Promise<string> {
  const claims = new Map<number, unknown>([
    [CLAIM.iss, "HU"],
    [CLAIM.iat, iat],
    [CLAIM.exp, exp],
    [CLAIM.hcert, new Map([[HCERT_EU_DCC_V1, payload]])],
  ]);
  const { cose } = await signCose(signer, encodeCbor(claims));
  return addPrefix(encodeBase45(compress(cose)));
}

test("a DCC of schema version 1.0.0 (as France issued in 2021) is valid: its payload is checked against the 1.3.x rules", async () => {
  for (const payload of [
    { ...vaccinationPayload(), ver: "1.0.0" },
    { ...testPayload(), ver: "1.2.1" },
  ]) {
    const encoded = await encodeDcc({ payload, signer: dsc.signer, now: new Date("2021-06-01T08:00:00Z") });
    const report = verifyHc1(encoded.hc1, { certificates: [dsc.certificate], at: new Date("2021-06-02T08:00:00Z") });
    assert.equal(report.valid, true, JSON.stringify(report.stages));
    assert.deepEqual(report.stages.schema, { ok: true }, payload.ver);
    assert.equal((report.payload as { ver: string }).ver, payload.ver);
  }
  // The 1.3.x rules, not 1.0.0's: a tenth dose (1.0.0 capped dn at 9, 1.3.0 has no upper bound) is accepted,
  // and a payload breaking a 1.3.x rule (dn ≥ 1) is refused by the schema stage.
  const check = async (entry: Record<string, unknown>) => {
    const payload = { ...vaccinationPayload(), ver: "1.0.0", v: [{ ...vaccinationPayload().v![0]!, ...entry }] } as unknown as DccPayload;
    const hc1 = await hc1With(payload, seconds("2021-06-01T08:00:00Z"), seconds("2022-06-01T08:00:00Z"));
    return verifyHc1(hc1, { certificates: [dsc.certificate], at: new Date("2021-06-02T08:00:00Z") }).stages.schema;
  };
  assert.deepEqual(await check({ dn: 10, sd: 10 }), { ok: true });
  assert.deepEqual(await check({ dn: 0 }), { ok: false, code: "ERR_DCC_SCHEMA" });
});

test("fractional iat and exp are read as whole seconds (fraction dropped), and such a DCC is valid within them", async () => {
  const iat = seconds("2021-06-15T16:49:56Z") + 0.286;
  const exp = seconds("2021-06-20T16:49:56Z") + 0.9;
  const hc1 = await hc1With(vaccinationPayload(), iat, exp);
  const at = (iso: string) => verifyHc1(hc1, { certificates: [dsc.certificate], at: new Date(iso) });
  const inside = at("2021-06-15T17:00:00Z");
  assert.equal(inside.valid, true, JSON.stringify(inside.stages));
  assert.deepEqual(inside.claims, { iss: "HU", iat: Math.floor(iat), exp: Math.floor(exp) });
  // Compared in whole seconds: issued at 16:49:56.286, so valid from 16:49:56.000 (same second) ...
  assert.equal(at("2021-06-15T16:49:56.100Z").valid, true);
  assert.deepEqual(at("2021-06-15T16:49:55.999Z").stages.expiration, { ok: false, code: "ERR_CWT_EXPIRED" });
  // ... and valid through the whole second 16:49:56 of its last day, not a moment after.
  assert.equal(at("2021-06-20T16:49:56.950Z").valid, true);
  assert.deepEqual(at("2021-06-20T16:49:57.000Z").stages.expiration, { ok: false, code: "ERR_CWT_EXPIRED" });
});

test("an exp after the DSC's notAfter does not make a DCC invalid while now is within iat…exp", async () => {
  const shortDsc = makeTestSigner({ notBefore: new Date("2021-06-01T00:00:00Z"), notAfter: new Date("2023-06-14T21:45:22Z") });
  const hc1 = await hc1With(vaccinationPayload(), seconds("2021-06-15T16:49:56Z"), seconds("2026-06-15T16:49:56Z"), shortDsc.signer);
  const report = verifyHc1(hc1, { certificates: [shortDsc.certificate], at: new Date("2021-06-15T17:00:00Z") });
  assert.equal(report.valid, true, JSON.stringify(report.stages));
  // iat before the DSC's notBefore is still refused.
  const early = await hc1With(vaccinationPayload(), seconds("2021-05-31T23:59:59Z"), seconds("2022-06-01T00:00:00Z"), shortDsc.signer);
  const refused = verifyHc1(early, { certificates: [shortDsc.certificate], at: new Date("2021-06-15T17:00:00Z") });
  assert.deepEqual(refused.stages.expiration, { ok: false, code: "ERR_CWT_EXPIRED" });
});

test("a time failure is reported without hiding the payload checks: schema and key usage still run; a skipped stage never decides", async () => {
  const encoded = await encodeDcc({
    payload: { ...vaccinationPayload(), ver: "1.0.0" },
    signer: dsc.signer,
    now: new Date("2021-06-01T08:00:00Z"),
  });
  const notYet = verifyHc1(encoded.hc1, { certificates: [dsc.certificate], at: new Date("2021-05-31T08:00:00Z") });
  assert.equal(notYet.valid, false);
  assert.deepEqual(notYet.stages.expiration, { ok: false, code: "ERR_CWT_EXPIRED" });
  assert.deepEqual(notYet.stages.schema, { ok: true });
  assert.deepEqual(notYet.stages.keyUsage, { ok: true });
  // A decoding failure stops the chain: the stages after it are skipped, and the failure is the verdict.
  const broken = verifyHc1(`HC2:${encoded.base45}`, { certificates: [dsc.certificate], at: new Date("2021-06-02T08:00:00Z") });
  assert.equal(broken.valid, false);
  assert.deepEqual(broken.stages.prefix, { ok: false, code: "ERR_HC1_PREFIX" });
  assert.deepEqual(broken.stages.schema, { ok: false, skipped: true });
});
