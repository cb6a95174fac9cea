// CWT claims and validity (RFC 8392 §3.1; hcert §3.3.4–3.3.6): integer seconds, exp by type, capped by the DSC.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildClaims, computeValidity, DEFAULT_VALIDITY } from "../../../src/dcc/cwt.js";
import type { DccPayload } from "../../../src/dcc/types.js";
import { makeTestSigner } from "../../support/test-signer.js";

const NOW = new Date("2024-03-10T08:30:00.750Z");
const NOW_S = Math.floor(NOW.getTime() / 1000);
const { signer } = makeTestSigner({ notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2026-01-01T00:00:00Z") });

test("claims are {1: iss, 4: exp, 6: iat, -260: {1: payload}} with integer seconds", () => {
  const payload = { ver: "1.3.0" } as DccPayload;
  const claims = buildClaims({ payload, issuer: "FR", issuedAt: 100, expiresAt: 200 });
  assert.deepEqual([...claims.keys()], [1, 4, 6, -260]);
  assert.equal(claims.get(1), "FR");
  assert.equal(claims.get(4), 200);
  assert.equal(claims.get(6), 100);
  assert.equal((claims.get(-260) as Map<number, unknown>).get(1), payload);
  assert.throws(() => buildClaims({ payload, issuer: "FR", issuedAt: 100.5, expiresAt: 200 }), TypeError);
});

test("exp by type: vaccination and recovery 365 days, test 72 hours; iat = now in whole seconds", () => {
  assert.deepEqual(computeValidity("v", NOW, signer), { iat: NOW_S, exp: NOW_S + 365 * 86_400 });
  assert.deepEqual(computeValidity("r", NOW, signer), { iat: NOW_S, exp: NOW_S + 365 * 86_400 });
  assert.deepEqual(computeValidity("t", NOW, signer), { iat: NOW_S, exp: NOW_S + 72 * 3_600 });
  assert.deepEqual(computeValidity("t", NOW, signer, { ...DEFAULT_VALIDITY, t: 3_600 }), { iat: NOW_S, exp: NOW_S + 3_600 });
});

test("exp never goes beyond the DSC notAfter", () => {
  const late = new Date("2025-12-01T00:00:00Z");
  const { exp } = computeValidity("v", late, signer);
  assert.equal(exp, Date.parse("2026-01-01T00:00:00Z") / 1000);
});

test("a signer not yet valid, or whose cap leaves no validity, is refused with ERR_DCC_NO_SIGNER", () => {
  assert.throws(() => computeValidity("v", new Date("2023-12-31T23:59:59Z"), signer), { code: "ERR_DCC_NO_SIGNER", field: "notBefore" });
  assert.throws(() => computeValidity("v", new Date("2026-01-01T00:00:00Z"), signer), { code: "ERR_DCC_NO_SIGNER", field: "notAfter" });
  assert.throws(() => computeValidity("v", new Date("2027-01-01T00:00:00Z"), signer), { code: "ERR_DCC_NO_SIGNER", field: "notAfter" });
  assert.equal(
    computeValidity("v", new Date("2024-01-01T00:00:00Z"), signer).iat,
    Date.parse("2024-01-01T00:00:00Z") / 1000,
    "iat = notBefore is allowed",
  );
});
