// The seal verifier's named checks (src/icao/verify-seal.ts) on a PKI the test makes with openssl: a CSCA whose EC key
// is written with EXPLICIT parameters (as Japan's e-passport CSCA; `openssl verify` refuses such a chain, the
// verifier must not), a barcode signer listing NV only, seals signed here with node:crypto. Each failure is named.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createPrivateKey, sign, X509Certificate, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canonicalJson } from "../../../src/icao/canonical-json.js";
import { verifySeal } from "../../../src/icao/verify-seal.js";

let csca: X509Certificate;
let otherCsca: X509Certificate;
let bsc: X509Certificate;
let bscKey: KeyObject;
// Judged now: the certificates were made moments ago (their notBefore is the second they were made).
const now = (): Date => new Date();

function openssl(dir: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

before(() => {
  const dir = mkdtempSync(join(tmpdir(), "seal-pki-"));
  openssl(dir, "ecparam", "-name", "secp384r1", "-param_enc", "explicit", "-genkey", "-noout", "-out", "csca.key");
  openssl(
    dir,
    "req",
    "-x509",
    "-new",
    "-key",
    "csca.key",
    "-subj",
    "/C=JP/CN=Test explicit-parameter CSCA",
    "-days",
    "30",
    "-sha384",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
    "-out",
    "csca.pem",
  );
  openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.key");
  // Same name as the CSCA, another key: a certificate that merely names the issuer is not trusted.
  openssl(
    dir,
    "req",
    "-x509",
    "-new",
    "-key",
    "other.key",
    "-subj",
    "/C=JP/CN=Test explicit-parameter CSCA",
    "-days",
    "30",
    "-out",
    "other.pem",
  );
  openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "bsc.key");
  openssl(dir, "req", "-new", "-key", "bsc.key", "-subj", "/C=JP/CN=Test barcode signer", "-out", "bsc.csr");
  // Doc 9303-12: critical VDS-NC EKU; documentTypeList SEQUENCE { INTEGER 0, SET { PrintableString "NV" } }.
  const extensions = [
    "extendedKeyUsage=critical,2.23.136.1.1.14.2",
    "2.23.136.1.1.6.2=DER:3009020100310413024e56",
    "authorityKeyIdentifier=keyid",
  ];
  writeFileSync(join(dir, "ext.cnf"), `${extensions.join("\n")}\n`);
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    "bsc.csr",
    "-CA",
    "csca.pem",
    "-CAkey",
    "csca.key",
    "-CAcreateserial",
    "-days",
    "10",
    "-sha384",
    "-extfile",
    "ext.cnf",
    "-out",
    "bsc.pem",
  );
  csca = new X509Certificate(readFileSync(join(dir, "csca.pem")));
  otherCsca = new X509Certificate(readFileSync(join(dir, "other.pem")));
  bsc = new X509Certificate(readFileSync(join(dir, "bsc.pem")));
  bscKey = createPrivateKey(readFileSync(join(dir, "bsc.key")));
});

function sealText(data: unknown, options: { alg?: string; cer?: string; pad?: boolean } = {}): string {
  const signature = sign("sha256", Buffer.from(canonicalJson(data), "utf8"), { key: bscKey, dsaEncoding: "ieee-p1363" });
  const padded = (bytes: Buffer) => bytes.toString("base64").replaceAll("+", "-").replaceAll("/", "_");
  const b64 = (bytes: Buffer) => (options.pad === true ? padded(bytes) : bytes.toString("base64url"));
  return JSON.stringify({ data, sig: { alg: options.alg ?? "ES256", cer: options.cer ?? b64(bsc.raw), sigvl: b64(signature) } }, null, 2);
}

const vaccination = (name = "NIHON HANAKO") => ({
  hdr: { t: "icao.vacc", v: 1, is: "JPN" },
  msg: {
    uvci: "TEST00000001",
    pid: { n: name, dob: "1990-01-01" },
    ve: [{ des: "XM0GQ8", nam: "Comirnaty", dis: "RA01.0", vd: [{ dvc: "2021-06-01", seq: 1, ctr: "JPN" }] }],
  },
});

test("a seal under a CSCA with explicit EC parameters is valid; the report names the signer's profile", () => {
  const report = verifySeal(sealText(vaccination()), { cscas: [csca], at: now() });
  assert.equal(report.valid, true, JSON.stringify(report.checks));
  const signer = report.signer;
  assert.deepEqual(
    { eku: signer?.extendedKeyUsage, types: signer?.documentTypes, profile: report.profile, issuer: report.issuer },
    { eku: true, types: ["NV"], profile: "icao.vacc", issuer: "JPN" },
  );
  const padded = verifySeal(sealText(vaccination(), { pad: true }), { cscas: [csca], at: now() });
  assert.equal(padded.valid, true, "padded base64url is read too");
});

test("each failure is named: signature, chain, validity, document type", () => {
  const tampered = sealText(vaccination()).replace("NIHON HANAKO", "NIHON HANAKA");
  assert.equal(verifySeal(tampered, { cscas: [csca], at: now() }).checks.signature.code, "ERR_SEAL_SIGNATURE");
  const sameName = verifySeal(sealText(vaccination()), { cscas: [otherCsca], at: now() });
  assert.deepEqual(
    { chain: sameName.checks.chain.code, signature: sameName.checks.signature.ok },
    { chain: "ERR_SEAL_UNTRUSTED_SIGNER", signature: true },
  );
  const later = verifySeal(sealText(vaccination()), { cscas: [csca], at: new Date(Date.now() + 20 * 86_400_000) });
  assert.deepEqual({ validity: later.checks.validity.code, valid: later.valid }, { validity: "ERR_SEAL_SIGNER_EXPIRED", valid: false });
  const test = verifySeal(sealText({ ...vaccination(), hdr: { t: "icao.test", v: 1, is: "JPN" } }), { cscas: [csca], at: now() });
  assert.deepEqual({ type: test.checks.documentType.code, valid: test.valid }, { type: "ERR_SEAL_DOCUMENT_TYPE", valid: false });
});

test("what is not a seal stops at format with its code, the other checks skipped, nothing echoed", () => {
  const cases: [string, string][] = [
    ["not json", "ERR_SEAL_FORMAT"],
    ["[]", "ERR_SEAL_FORMAT"],
    [sealText({ ...vaccination(), hdr: { t: "icao.other", v: 1, is: "JPN" } }), "ERR_SEAL_FORMAT"],
    [sealText({ ...vaccination(), hdr: { t: "icao.vacc", v: 2, is: "JPN" } }), "ERR_SEAL_FORMAT"],
    [sealText(vaccination(), { alg: "RS256" }), "ERR_SEAL_ALGORITHM"],
    [sealText(vaccination(), { cer: "AAAA" }), "ERR_SEAL_FORMAT"],
    [sealText(vaccination(), { cer: "not base64url!" }), "ERR_SEAL_FORMAT"],
    [`{"data":${"[".repeat(5000)}`, "ERR_SEAL_FORMAT"],
  ];
  for (const [text, code] of cases) {
    const report = verifySeal(text, { cscas: [csca], at: now() });
    assert.equal(report.checks.format.code, code, text.slice(0, 40));
    assert.equal(report.valid, false);
    assert.equal(report.checks.signature.skipped, true);
    assert.equal(report.data, undefined);
  }
});
