// ICAO VDS-NC seals through the verifier over real HTTP (docs/verification.md, "ICAO VDS-NC seals"): a seal the real
// converter issued (SoftHSM, `"format": "icao"`) is read with every seal check passed against the development CSCA
// (ICAO_CSCA), is invalid with a changed character (signature failed) and untrusted with another CSCA (chain failed);
// outside production an unset ICAO_CSCA is the development token's CSCA, which GET /v1/verifier/trust publishes;
// ICAO_CSCA reloads on change, a broken file keeping the one in force; `dcc-converter check` takes a seal the same way;
// the logs hold nothing of a seal.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultTrustBundle } from "../../src/twoddoc/trust-store.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE, SPECIMEN_L1_MESSAGE } from "../support/twoddoc-fixtures.js";
import { signerCertificates, startTestService, type TestService } from "../support/service.js";
import { postVerification, startTestVerifier, type TestVerifier } from "../support/verifier-service.js";

const dir = mkdtempSync(join(tmpdir(), "verifier-seals-"));
const signer = makeTestSigner();
const trustBundle = join(dir, "trust.pem");
writeFileSync(trustBundle, `${defaultTrustBundle().trimEnd()}\n${signer.pem}`);
const vaccination = sign2DDoc(`${header04({ type: "L1" })}${SPECIMEN_L1_MESSAGE}`, signer.privateKey);
const negative = sign2DDoc(`${header04({ type: "B2" })}${SPECIMEN_B2_MESSAGE}`, signer.privateKey);

interface Check {
  id: string;
  kind: string;
  result: string;
}
const resultOf = (checks: unknown, id: string) => (checks as Check[]).find((check) => check.id === id)?.result;
const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");

// Asynchronous: the services under test run in this process and must keep serving while the command runs.
async function check(input: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, "check", "--rules", "travel-FR"], { env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(input);
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}
const SEAL_CHECKS = ["seal-format", "signature", "seal-chain", "seal-signer-validity", "seal-key-usage", "seal-document-type"];

describe("seals verified by the verifier", () => {
  let converter: TestService;
  let verifier: TestVerifier;
  let other: TestVerifier;
  let cscaPem: string;
  const seals: Record<string, { seal: string; uvci: string }> = {};

  before(async () => {
    converter = await startTestService({ TWODDOC_TRUST_BUNDLE: trustBundle });
    const signers = (await (await fetch(`${converter.url}/v1/signers?format=icao`)).json()) as { csca: string };
    cscaPem = signers.csca;
    writeFileSync(join(dir, "csca.pem"), cscaPem);
    // Another anchor: a certificate that did not issue the barcode signer (the converter's DCC signer).
    writeFileSync(join(dir, "other.pem"), (await signerCertificates(converter.url))[0]?.toString() ?? "");
    for (const [name, document] of Object.entries({ vaccination, negative })) {
      const response = await fetch(`${converter.url}/v1/conversions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ document, format: "icao" }),
      });
      assert.equal(response.status, 200);
      seals[name] = (await response.json()) as { seal: string; uvci: string };
    }
    // ICAO_CSCA unset: the development token's CSCA, the one that issued the converter's barcode signer.
    verifier = await startTestVerifier({ ICAO_CSCA: undefined, VERIFICATION_WORKERS: "0" });
    other = await startTestVerifier({ ICAO_CSCA: join(dir, "other.pem"), VERIFICATION_WORKERS: "1" });
  });
  after(async () => {
    await other?.close();
    await verifier?.close();
    await converter?.close();
  });

  test("a test seal of the converter passes every seal check and the revocation check; its rules are judged", async () => {
    const { status, json } = await postVerification(verifier.url, {
      barcode: seals["negative"]?.seal,
      ruleSet: "travel-FR",
      detail: "full",
    });
    assert.equal(status, 200);
    assert.deepEqual({ format: json["format"], type: json["type"] }, { format: "icao", type: "test" });
    for (const id of [...SEAL_CHECKS, "seal-content", "revocation"]) assert.equal(resultOf(json["checks"], id), "passed", id);
    assert.notEqual(json["decision"], "invalid");
    const certificate = json["certificate"] as { t: { tt: string; tr: string; ci: string }[] };
    assert.deepEqual([certificate.t[0]?.tt, certificate.t[0]?.tr], ["LP6464-4", "260415000"]);
    assert.deepEqual(json["holder"], { name: "SPECIMEN MARIE ANNE", birthDate: "1970-01-01" });
  });

  test("a vaccination seal judged in 2021, before its signer certificate: invalid with the signer validity failed", async () => {
    const { json } = await postVerification(verifier.url, {
      barcode: seals["vaccination"]?.seal,
      ruleSet: "activity",
      validationTime: "2021-07-01T12:00:00Z",
    });
    assert.equal(resultOf(json["checks"], "signature"), "passed");
    assert.equal(resultOf(json["checks"], "seal-chain"), "passed");
    assert.equal(json["decision"], "invalid", "the signer certificate is not valid yet in 2021");
    assert.equal(resultOf(json["checks"], "seal-signer-validity"), "failed");
  });

  test("a changed character is invalid with the signature check failed", async () => {
    const seal = seals["negative"]?.seal ?? "";
    const tampered = seal.replace('"n":"SPECIMEN MARIE ANNE"', '"n":"SPECIMEN MARIA ANNE"');
    assert.ok(tampered !== seal, "one character changed");
    const { status, json } = await postVerification(verifier.url, { barcode: tampered });
    assert.equal(status, 200);
    assert.equal(json["decision"], "invalid");
    assert.equal(resultOf(json["checks"], "signature"), "failed");
    assert.equal(json["holder"], undefined);
  });

  test("another CSCA: the signer is untrusted (chain failed), through a verification worker", async () => {
    const { json } = await postVerification(other.url, { barcode: seals["negative"]?.seal });
    assert.equal(json["decision"], "invalid");
    assert.deepEqual([resultOf(json["checks"], "signature"), resultOf(json["checks"], "seal-chain")], ["passed", "failed"]);
  });

  test("dcc-converter check takes a seal on stdin: its checks as the service gives them; exit 1 unless valid", async () => {
    const seal = seals["negative"]?.seal ?? "";
    const trusted = await check(seal, { ICAO_CSCA: join(dir, "csca.pem") });
    const json = JSON.parse(trusted.stdout) as { decision: string; format: string; checks: Check[] };
    assert.equal(json.format, "icao");
    for (const id of SEAL_CHECKS) assert.equal(resultOf(json.checks, id), "passed", id);
    assert.equal(trusted.status, json.decision === "valid" ? 0 : 1);
    const untrusted = await check(seal, { ICAO_CSCA: join(dir, "other.pem") });
    assert.equal(untrusted.status, 1);
    assert.equal(resultOf((JSON.parse(untrusted.stdout) as { checks: Check[] }).checks, "seal-chain"), "failed");
    const unreadable = await check('{"data": 1}', { ICAO_CSCA: join(dir, "csca.pem") });
    assert.deepEqual([unreadable.status, unreadable.stderr.trim()], [2, '{"error":{"code":"ERR_BARCODE_UNDECODABLE","field":"seal"}}']);
  });

  test("an unreadable seal is 400 ERR_BARCODE_UNDECODABLE", async () => {
    const { status, json } = await postVerification(verifier.url, { barcode: '{"data":{"hdr":{"t":"icao.vacc"}}}' });
    assert.deepEqual([status, json["code"]], [400, "ERR_BARCODE_UNDECODABLE"]);
  });

  test("GET /v1/verifier/trust publishes ICAO_CSCA; a different CSCA gives a different ETag", async () => {
    const mine = await fetch(`${verifier.url}/v1/verifier/trust`);
    const theirs = await fetch(`${other.url}/v1/verifier/trust`);
    assert.equal(((await mine.json()) as { icao: { certificates: string } }).icao.certificates, cscaPem);
    await theirs.arrayBuffer();
    assert.notEqual(mine.headers.get("etag"), theirs.headers.get("etag"));
  });

  test("ICAO_CSCA reloads on change (a new ETag, the seal trusted); a broken file keeps the one in force", async () => {
    const file = join(dir, "reloading.pem");
    writeFileSync(file, readFileSync(join(dir, "other.pem")));
    const reloading = await startTestVerifier({ ICAO_CSCA: file, VERIFICATION_WORKERS: "0" });
    try {
      const chain = async () =>
        resultOf((await postVerification(reloading.url, { barcode: seals["negative"]?.seal })).json["checks"], "seal-chain");
      const etag = async () => (await fetch(`${reloading.url}/v1/verifier/trust`)).headers.get("etag");
      assert.equal(await chain(), "failed");
      const before = await etag();
      const loaded = reloading.nextLog((line) => line["event"] === "verifier-source-loaded" && line["source"] === "ICAO_CSCA");
      writeFileSync(`${file}.next`, cscaPem);
      renameSync(`${file}.next`, file);
      await loaded;
      const after = await etag();
      assert.notEqual(after, before);
      assert.equal(await chain(), "passed");
      const refused = reloading.nextLog((line) => line["event"] === "verifier-source-refused" && line["source"] === "ICAO_CSCA");
      writeFileSync(`${file}.next`, "not a certificate");
      renameSync(`${file}.next`, file);
      await refused;
      assert.equal(await chain(), "passed");
      assert.equal(await etag(), after);
    } finally {
      await reloading.close();
    }
  });

  test("the logs hold nothing of a seal", () => {
    const logs = [...verifier.logs, ...other.logs].join("\n");
    for (const { seal, uvci } of Object.values(seals)) {
      const sigvl = (JSON.parse(seal) as { sig: { sigvl: string } }).sig.sigvl;
      for (const secret of [uvci, sigvl, "SPECIMEN", "1970-01-01"]) assert.ok(!logs.includes(secret), "no seal content in the logs");
    }
  });
});
