// Key rotation: the newest DSC valid now signs; the choice does not depend on the order of DCC_SIGNERS.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { X509Certificate } from "node:crypto";
import { chooseSigner } from "../../../src/hsm/choose-signer.js";
import type { DccSigner } from "../../../src/dcc/signing.js";
import type { CertificateType } from "../../../src/dcc/types.js";

const signer = (name: string, types: CertificateType[], notBefore: string, notAfter: string): DccSigner => ({
  kid: Buffer.from(name.padEnd(8, "-").slice(0, 8)),
  types,
  certificate: {} as X509Certificate,
  notBefore: new Date(notBefore),
  notAfter: new Date(notAfter),
  sign: () => Promise.reject(new Error("not used")),
});

const old = signer("old", ["v", "t", "r"], "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
const next = signer("next", ["v"], "2026-07-01T00:00:00Z", "2028-07-01T00:00:00Z");

test("before the new DSC's notBefore the old one signs; from it, the new one, in either order", () => {
  for (const list of [
    [old, next],
    [next, old],
  ]) {
    assert.equal(chooseSigner(list, "v", new Date("2026-06-30T23:59:59Z")), old);
    assert.equal(chooseSigner(list, "v", new Date("2026-07-01T00:00:00Z")), next);
    assert.equal(chooseSigner(list, "t", new Date("2026-08-01T00:00:00Z")), old);
  }
});

test("an expired or not-yet-valid DSC never signs; no DSC for the type is ERR_DCC_NO_SIGNER", () => {
  assert.equal(chooseSigner([old, next], "v", new Date("2028-03-01T00:00:00Z")), next);
  assert.throws(() => chooseSigner([old, next], "t", new Date("2028-03-01T00:00:00Z")), { code: "ERR_DCC_NO_SIGNER", field: "t" });
  assert.throws(() => chooseSigner([next], "r", new Date("2026-08-01T00:00:00Z")), { code: "ERR_DCC_NO_SIGNER" });
  assert.throws(() => chooseSigner([old], "v", new Date("2025-12-31T00:00:00Z")), { code: "ERR_DCC_NO_SIGNER" });
});

test("two DSCs with the same notBefore: the same one is chosen whatever the order", () => {
  const twin = signer("twin", ["v"], "2026-07-01T00:00:00Z", "2028-07-01T00:00:00Z");
  assert.equal(
    chooseSigner([next, twin], "v", new Date("2026-09-01T00:00:00Z")),
    chooseSigner([twin, next], "v", new Date("2026-09-01T00:00:00Z")),
  );
});
