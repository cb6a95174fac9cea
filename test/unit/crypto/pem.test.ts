// PEM certificate blocks: base64 bodies only (RFC 7468 §5.1, RFC 4648 §4 alphabet).
import { test } from "node:test";
import assert from "node:assert/strict";
import { pemCertificateBlocks } from "../../../src/crypto/pem.js";

const block = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;

test("every block of a bundle, in order, the text between them ignored", () => {
  assert.deepEqual(pemCertificateBlocks(`intro\n${block("AAAA")}\nbetween\n${block("BB+/==")}\n`), [block("AAAA"), block("BB+/==")]);
});

test("a body outside the base64 alphabet is no block (no base64url `_` or `-`)", () => {
  assert.deepEqual(pemCertificateBlocks(block("AA_A")), []);
  assert.deepEqual(pemCertificateBlocks(block("AA-A")), []);
});
