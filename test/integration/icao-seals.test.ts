// ICAO VDS-NC seals end to end (contract §9, docs/international-format.md) on the real service: SoftHSM token, HTTP on
// an ephemeral port, 2D-DOCs signed by a key the test makes. A seal verifies with a checker written in the test from
// the facts (test/support/seal-checker.ts) and with `dcc-converter verify`; a changed character fails both; the
// signer certificate has exactly the Doc 9303-12 extensions (openssl); the QR code and the printable page decode to
// the seal; one document gives one id in every encoding and endpoint; a revoked document is refused as a seal on
// every endpoint; an unknown format is ERR_FORMAT; nothing of a document reaches the logs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createHash, X509Certificate } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultTrustBundle } from "../../src/twoddoc/trust-store.js";
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_B2_MESSAGE, SPECIMEN_L1_MESSAGE } from "../support/twoddoc-fixtures.js";
import { canonicalData, checkSealIndependently } from "../support/seal-checker.js";
import { encodings } from "../support/samples.js";
import { readPdf, readQrImage, widthMm } from "../support/read-pdf.js";
import { euHash } from "../support/revocation-specimens.js";
import { productionEnv } from "../support/production-env.js";
import { startTestService, type TestService } from "../support/service.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const dir = mkdtempSync(join(tmpdir(), "icao-seals-it-"));
const signer = makeTestSigner();
const trustBundle = join(dir, "trust.pem");
writeFileSync(trustBundle, `${defaultTrustBundle().trimEnd()}\n${signer.pem}`);
const zone = {
  vaccination: `${header04({ type: "L1" })}${SPECIMEN_L1_MESSAGE}`,
  negative: `${header04({ type: "B2" })}${SPECIMEN_B2_MESSAGE}`,
  positive: `${header04({ type: "B2" })}${SPECIMEN_B2_MESSAGE.replace("F5N", "F5P")}`,
  revokedByDocument: `${header04({ type: "L1" })}${SPECIMEN_L1_MESSAGE.replace("L1MARIE", "L1CLAUDE")}`,
  revokedByUci: `${header04({ type: "L1" })}${SPECIMEN_L1_MESSAGE.replace("L1MARIE", "L1DOMINIQUE")}`,
};
const doc = Object.fromEntries(Object.entries(zone).map(([name, data]) => [name, sign2DDoc(data, signer.privateKey)])) as Record<
  keyof typeof zone,
  string
>;
const listPath = join(dir, "revocation-list.txt");
const documentHash = createHash("sha256").update(zone.revokedByDocument, "latin1").digest("hex");
writeFileSync(listPath, `2DDOC:${documentHash}\n# end 1\n`);
const env = { TWODDOC_TRUST_BUNDLE: trustBundle, REVOCATION_LIST: listPath };

interface SealAnswer {
  format: string;
  seal: string;
  type: string;
  uvci: string;
  issuedAt: string;
}

// Asynchronous: the service under test runs in this process, and a blocked event loop would let its keep-alive
// timers close the client's idle sockets under it.
async function runCli(args: readonly string[], input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(input ?? "");
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

describe("ICAO VDS-NC seals over real HTTP and SoftHSM", () => {
  let service: TestService;
  let csca: X509Certificate;
  let cscaFile: string;
  const post = (body: unknown, accept = "application/json") =>
    fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify(body),
    });
  const sealOf = async (document: string): Promise<SealAnswer> => {
    const response = await post({ document, format: "icao" });
    assert.equal(response.status, 200);
    return (await response.json()) as SealAnswer;
  };

  before(async () => {
    service = await startTestService(env);
    const response = await fetch(`${service.url}/v1/signers?format=icao`);
    const answer = (await response.json()) as { signers: { types: string[] }[]; csca: string };
    assert.deepEqual(
      answer.signers.map((s) => s.types),
      [["NV", "NT"]],
    );
    csca = new X509Certificate(answer.csca);
    cscaFile = join(dir, "csca.pem");
    writeFileSync(cscaFile, answer.csca);
  });
  after(() => service.close());

  test("a vaccination seal verifies independently and with dcc-converter verify; a changed character in msg fails both", async () => {
    const answer = await sealOf(doc.vaccination);
    assert.deepEqual({ format: answer.format, type: answer.type }, { format: "icao", type: "vaccination" });
    assert.match(answer.uvci, /^[0-9A-Z]{12}$/);
    const checked = checkSealIndependently(answer.seal, csca);
    assert.deepEqual({ signature: checked.signatureValid, chain: checked.issuedByCsca }, { signature: true, chain: true });
    assert.ok(answer.seal.startsWith(`{"data":${canonicalData(checked.data)},"sig":`), "data is written in its canonical form");
    assert.deepEqual(checked.data, {
      hdr: { is: "FRA", t: "icao.vacc", v: 1 },
      msg: {
        pid: { dob: "1970-01-01", n: "SPECIMEN MARIE" },
        uvci: answer.uvci,
        ve: [{ des: "XM0GQ8", dis: "RA01.0", nam: "Comirnaty", vd: [{ ctr: "FRA", dvc: "2021-06-01", seq: 2 }] }],
      },
    });
    const verified = await runCli(["verify", "--certs", cscaFile], answer.seal);
    assert.equal(verified.status, 0, verified.stdout);
    const report = JSON.parse(verified.stdout) as { valid: boolean; signer: { extendedKeyUsage: boolean; documentTypes: string[] } };
    assert.deepEqual(
      { valid: report.valid, eku: report.signer.extendedKeyUsage, types: report.signer.documentTypes },
      { valid: true, eku: true, types: ["NV", "NT"] },
    );

    const tampered = answer.seal.replace('"n":"SPECIMEN MARIE"', '"n":"SPECIMEN MARIA"');
    assert.notEqual(tampered, answer.seal);
    assert.equal(checkSealIndependently(tampered, csca).signatureValid, false);
    const refused = await runCli(["verify", "--certs", cscaFile], tampered);
    assert.equal(refused.status, 1);
    assert.equal((JSON.parse(refused.stdout) as { checks: { signature: { code: string } } }).checks.signature.code, "ERR_SEAL_SIGNATURE");
  });

  test("B2 PCR: a negative and a positive result give icao.test seals with the Paris sample time", async () => {
    for (const [name, result] of [
      ["negative", "negative"],
      ["positive", "positive"],
    ] as const) {
      const answer = await sealOf(doc[name]);
      assert.equal(answer.type, "test");
      const { data, signatureValid } = checkSealIndependently(answer.seal, csca);
      assert.equal(signatureValid, true);
      const msg = data.msg as { utci: string; pid: unknown; sp: unknown; dat: { sc: string; ri: string }; tr: unknown };
      assert.equal(data.hdr["t"], "icao.test");
      assert.equal(msg.utci, answer.uvci);
      assert.deepEqual(msg.pid, { dob: "1970-01-01", n: "SPECIMEN MARIE ANNE", sex: "F" });
      assert.deepEqual(msg.sp, { ctr: "FRA", spn: "SI-DEP" });
      assert.equal(msg.dat.sc, "2021-06-01T10:30:00+02:00");
      assert.match(msg.dat.ri, /^\d{4}-\d{2}-\d{2}$/);
      assert.deepEqual(msg.tr, { r: result, tc: "molecular(PCR)" });
    }
  });

  test("the barcode signer certificate has exactly the Doc 9303-12 extensions (openssl x509)", async () => {
    const { signer: bsc } = checkSealIndependently((await sealOf(doc.vaccination)).seal, csca);
    const pemFile = join(dir, "bsc.pem");
    writeFileSync(pemFile, bsc.toString());
    const text = spawnSync("openssl", ["x509", "-in", pemFile, "-noout", "-text"], { encoding: "utf8" }).stdout;
    const start = text.indexOf("X509v3 extensions:");
    const section = text.slice(start, text.indexOf("Signature Algorithm:", start));
    const names = section
      .split("\n")
      .filter((line) => /^ {12}\S/.test(line))
      .map((line) => line.trim());
    assert.deepEqual(names, ["X509v3 Extended Key Usage: critical", "2.23.136.1.1.6.2:", "X509v3 Authority Key Identifier:"]);
    assert.match(section, /Extended Key Usage: critical\n\s+2\.23\.136\.1\.1\.14\.2\n/);
    // documentTypeList ::= SEQUENCE { INTEGER 0, SET { PrintableString "NV", PrintableString "NT" } }
    assert.ok(bsc.raw.includes(Buffer.from("300d020100310813024e5613024e54", "hex")), "document type list NV, NT");
    const cscaText = spawnSync("openssl", ["x509", "-in", cscaFile, "-noout", "-ext", "subjectKeyIdentifier"], { encoding: "utf8" }).stdout;
    const ski = cscaText.split("\n")[1]?.trim();
    assert.ok(ski !== undefined && ski !== "" && section.includes(ski), "authority key id = the CSCA's subject key id");
  });

  test("the QR image and the printable page decode to a seal of the same data (byte mode, ECC M)", async () => {
    const answer = await sealOf(doc.vaccination);
    const expected = canonicalData(checkSealIndependently(answer.seal, csca).data);
    const png = await post({ document: doc.vaccination, format: "icao" }, "image/png");
    assert.equal(png.headers.get("content-type"), "image/png");
    const [code] = await readQrImage(new Uint8Array(await png.arrayBuffer()));
    assert.equal(code?.ecLevel, "M");
    const scanned = checkSealIndependently(code?.text ?? "", csca);
    assert.equal(scanned.signatureValid, true);
    assert.equal(canonicalData(scanned.data), expected);
    const svg = await post({ document: doc.vaccination, format: "icao" }, "image/svg+xml");
    assert.match(await svg.text(), /^<svg /);
    const pdf = await post({ document: doc.vaccination, format: "icao" }, "application/pdf");
    const read = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
    const titles = ["ICAO Visible Digital Seal (VDS-NC)", "Sceau numérique visible OACI (VDS-NC)"];
    for (const title of titles) assert.ok(read.text.includes(title), `the title names the format: ${title}`);
    for (const expectedText of ["SPECIMEN MARIE", "1970-01-01", "Comirnaty", "XM0GQ8", answer.uvci]) {
      assert.ok(read.text.includes(expectedText), expectedText);
    }
    assert.equal(read.codes.length, 1);
    assert.equal(read.codes[0]?.ecLevel, "M");
    assert.ok(widthMm(read.codes[0]!) >= 40);
    assert.equal(canonicalData(checkSealIndependently(read.codes[0]?.text ?? "", csca).data), expected);
  });

  test("one document, one id: every encoding, the batch endpoint and the command line", async () => {
    const ids = new Set<string>();
    for (const encoded of Object.values(encodings(doc.vaccination))) ids.add((await sealOf(encoded)).uvci);
    const batch = await fetch(`${service.url}/v1/conversions/batch`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: [
        { id: "a", document: doc.vaccination, format: "icao" },
        { id: "b", document: doc.vaccination },
        { id: "c", document: doc.vaccination, format: "cbor" },
      ]
        .map((line) => `${JSON.stringify(line)}\n`)
        .join(""),
    });
    const lines = (await batch.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines[0]?.["format"], "icao");
    ids.add(String(lines[0]?.["uvci"]));
    assert.match(String(lines[1]?.["dcc"]), /^HC1:/);
    assert.deepEqual(lines[2], { line: 3, id: "c", error: { code: "ERR_FORMAT", status: 400 } });
    const cli = await runCli(["convert", "--format", "icao", "--json", doc.vaccination]);
    assert.equal(cli.status, 0, cli.stderr);
    ids.add((JSON.parse(cli.stdout) as SealAnswer).uvci);
    assert.equal(ids.size, 1, [...ids].join(" "));
    assert.notEqual((await sealOf(doc.negative)).uvci, [...ids][0]);
  });

  test("a revoked document is refused as a seal on every endpoint, by its 2D-DOC hash or by its DCC's UCI", async () => {
    const dcc = (await (await post({ document: doc.revokedByUci })).json()) as { uvci: string };
    writeFileSync(listPath, `2DDOC:${documentHash}\nUCI:${euHash(dcc.uvci)}\n# end 2\n`);
    const deadline = Date.now() + 5_000; // docs/revocation.md: a changed list is in force within 5 seconds
    while ((await post({ document: doc.revokedByUci, format: "icao" })).status === 200 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    for (const document of [doc.revokedByDocument, doc.revokedByUci]) {
      const single = await post({ document, format: "icao" });
      assert.equal(single.status, 422);
      assert.equal(((await single.json()) as { code: string }).code, "ERR_REVOKED");
      const batch = await fetch(`${service.url}/v1/conversions/batch`, {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body: `${JSON.stringify({ id: "r", document, format: "icao" })}\n`,
      });
      assert.deepEqual(JSON.parse(await batch.text()), { line: 1, id: "r", error: { code: "ERR_REVOKED", status: 422 } });
      const cli = await runCli(["convert", "--format", "icao", document]);
      assert.deepEqual({ status: cli.status, stderr: cli.stderr }, { status: 1, stderr: '{"error":{"code":"ERR_REVOKED"}}\n' });
      const input = join(dir, "batch-in.ndjson");
      writeFileSync(input, `${JSON.stringify({ id: "r", document })}\n`);
      const cliBatch = await runCli(["batch", "--format", "icao", input, "-"]);
      assert.deepEqual(JSON.parse(cliBatch.stdout), { line: 1, id: "r", error: { code: "ERR_REVOKED", status: 422 } });
    }
    assert.equal((await post({ document: doc.vaccination, format: "icao" })).status, 200, "another document still converts");
  });

  test("an unknown format is 400 ERR_FORMAT, never echoed", async () => {
    for (const format of ["xml", "ICAO", 1, null, ["icao"]]) {
      const response = await post({ document: doc.vaccination, format });
      assert.equal(response.status, 400);
      const body = await response.text();
      assert.equal((JSON.parse(body) as { code: string }).code, "ERR_FORMAT");
      assert.ok(!body.includes("xml"));
    }
    const signers = await fetch(`${service.url}/v1/signers?format=pdf417`);
    assert.equal(((await signers.json()) as { code: string }).code, "ERR_FORMAT");
    const cli = await runCli(["convert", "--format", "xml", doc.vaccination]);
    const expected = { status: 2, stderr: '{"error":{"code":"ERR_FORMAT","field":"format"}}\n' };
    assert.deepEqual({ status: cli.status, stderr: cli.stderr }, expected);
  });

  test("nothing of the documents or the seals reaches the logs", async () => {
    const answer = await sealOf(doc.vaccination);
    const logs = service.logs.join("\n");
    for (const secret of ["SPECIMEN", "MARIE", "1970-01-01", answer.uvci, answer.seal.slice(0, 40)]) {
      assert.ok(!logs.includes(secret), secret);
    }
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /dcc_conversions_by_format_total\{format="icao",channel="api",outcome="OK"\} [1-9]/);
    assert.match(metrics, /dcc_conversions_by_format_total\{format="icao",channel="api",outcome="ERR_REVOKED"\} [1-9]/);
  });
});

test("without ICAO_SIGNERS (production) the format is off: 422 ERR_FORMAT_OFF, GET /v1/signers?format=icao too", async () => {
  const { env: production, apiKey } = productionEnv();
  const service = await startTestService({ ...production, ...env });
  try {
    const response = await fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ document: doc.vaccination, format: "icao" }),
    });
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_FORMAT_OFF");
    const signers = await fetch(`${service.url}/v1/signers?format=icao`);
    assert.equal(((await signers.json()) as { code: string }).code, "ERR_FORMAT_OFF");
  } finally {
    await service.close();
  }
});
