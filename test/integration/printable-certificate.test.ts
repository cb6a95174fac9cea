// The printable certificate read back as a person and a scanner would: the PDF from `convert --pdf` and
// from `Accept: application/pdf` is rendered (pdftoppm), its QR code read (zxing-wasm) and checked against
// the HC1 and UVCI of the same answer; its text (pdftotext) carries the holder, the UVCI and the French and
// English labels; its metadata (pdfinfo) carry nothing of the holder or the certificate.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { X509Certificate } from "node:crypto";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { readPdf, widthMm } from "../support/read-pdf.js";
import { signerCertificates, startTestService, type TestService } from "../support/service.js";
import { bodyOf, holdPastBound, holdRequest } from "../support/held-request.js";
import { PRINTED_MAX_CONCURRENT } from "../../src/print/render-answer.js";

const bin = resolve(import.meta.dirname, "../../bin/dcc-converter.mjs");
const LABELS = [
  "Nom(s) de famille",
  "Surname(s)",
  "Date de naissance",
  "Date of birth",
  "Identifiant unique du certificat",
  "Unique certificate identifier",
];
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("convert --pdf writes a PDF whose QR code is the printed HC1 (ECC Q, at least 40 mm) with the holder and the UVCI in words", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dcc-convert-pdf-"));
  try {
    const file = join(dir, "specimen.pdf");
    const result = spawnSync(process.execPath, [bin, "convert", "--json", "--pdf", file, SPECIMEN_2DDOC], { encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(!/AZAY|JEAN|1952-08-04|URN:UVCI|HC1:/.test(result.stderr), "no value of the document on stderr");
    const json = JSON.parse(result.stdout) as { dcc: string; uvci: string };
    const read = await readPdf(readFileSync(file));
    assert.equal(read.codes.length, 1);
    assert.equal(read.codes[0]!.text, json.dcc);
    assert.equal(read.codes[0]!.ecLevel, "Q");
    assert.ok(widthMm(read.codes[0]!) >= 40, `QR ${widthMm(read.codes[0]!).toFixed(1)} mm`);
    for (const expected of [
      "AZAY LE RIDEAU",
      "JEAN-PIERRE",
      "AZAY<LE<RIDEAU<<JEAN<PIERRE",
      "1952-08-04",
      "Comirnaty",
      "2/2",
      json.uvci,
      ...LABELS,
    ]) {
      assert.ok(read.text.includes(expected), expected);
    }
    assert.match(read.info, /Pages:\s+1\n/);
    assert.match(read.info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("Accept: application/pdf over real HTTP and SoftHSM", () => {
  let service: TestService;
  let certificates: X509Certificate[];
  const post = (path: string, body: unknown, accept: string) =>
    fetch(`${service.url}${path}`, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(body) });

  before(async () => {
    service = await startTestService();
    certificates = await signerCertificates(service.url);
  });
  after(() => service.close());

  test("a conversion's PDF carries a QR code that verifies and the same UVCI as the JSON answer", async () => {
    const json = (await (await post("/v1/conversions", { document: SPECIMEN_2DDOC }, "application/json")).json()) as { uvci: string };
    const response = await post("/v1/conversions", { document: SPECIMEN_2DDOC }, "application/pdf");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/pdf");
    assert.equal(response.headers.get("cache-control"), "no-store");
    const read = await readPdf(new Uint8Array(await response.arrayBuffer()));
    const report = verifyHc1(read.codes[0]!.text, { certificates, at: new Date() });
    assert.equal(report.valid, true);
    assert.equal((report.payload as { v: Array<{ ci: string }> }).v[0]!.ci, json.uvci);
    assert.ok(read.text.includes(json.uvci));
  });

  test("an issued certificate with a name outside WinAnsi (Ł, Greek) and a partial birth date prints without loss of the machine-readable name", async () => {
    const payload = {
      ver: "1.3.0",
      nam: { fn: "Łęcka-Ωμέγα", fnt: "LECKA<OMEGA", gn: "Zoé", gnt: "ZOE" },
      dob: "1980-05",
      r: [
        {
          tg: "840539006",
          fr: daysAgo(20),
          co: "BE",
          is: "Ministère de l'Europe et des Affaires étrangères",
          df: daysAgo(9),
          du: daysAgo(-150),
        },
      ],
    };
    const response = await post("/v1/certificates", payload, "application/pdf");
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("content-type"), "application/pdf");
    const read = await readPdf(new Uint8Array(await response.arrayBuffer()));
    const report = verifyHc1(read.codes[0]!.text, { certificates, at: new Date() });
    assert.equal(report.valid, true);
    const uvci = (report.payload as { r: Array<{ ci: string }> }).r[0]!.ci;
    for (const expected of [
      uvci,
      "LECKA<OMEGA<<ZOE",
      "Zoé",
      "1980-05",
      "Certificat de rétablissement",
      "Certificate of recovery",
      "Belgium",
      "Ministère de l'Europe et des Affaires étrangères",
      ...LABELS,
    ]) {
      assert.ok(read.text.includes(expected), expected);
    }
    assert.ok(/L\S{0,8}cka-/.test(read.text)); // the surname as written, its unencodable letters replaced, not dropped
    for (const personal of ["cka", "ZOE", "Zoé", "1980-05", uvci, "LECKA", "Belgium"]) {
      assert.ok(!read.info.includes(personal), `metadata hold ${personal}`);
    }
    assert.match(read.info, /Title:\s+EU Digital COVID Certificate\n/);
    for (const line of service.logs) assert.ok(!/cka|ZOE|Zoé|1980-05|URN:UVCI|HC1:/.test(line), line);
  });

  test("Accept lists without PDF, image or JSON still get 406 ERR_NOT_ACCEPTABLE", async () => {
    const response = await post("/v1/conversions", { document: SPECIMEN_2DDOC }, "text/csv");
    assert.equal(response.status, 406);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_NOT_ACCEPTABLE");
  });

  // Regression: PDFs and PNGs were drawn on the event loop with no bound: past ~110 PDF/s the ops /healthz p99 grew
  // fourfold and nothing was refused. Now they are drawn in the conversion workers, PRINTED_MAX_CONCURRENT at most.
  test(`past ${PRINTED_MAX_CONCURRENT} printed answers in progress, a new one is 503 ERR_OVERLOADED (render); JSON still answers`, async () => {
    const body = JSON.stringify({ document: SPECIMEN_2DDOC });
    const accept = (k: number) => ({ accept: k % 2 === 0 ? "application/pdf" : "image/png" });
    const admitted = await holdPastBound(
      PRINTED_MAX_CONCURRENT,
      (k) => holdRequest(`${service.url}/v1/conversions`, body, accept(k)),
      "render",
    );
    const json = await post("/v1/conversions", { document: SPECIMEN_2DDOC }, "application/json");
    assert.equal(json.status, 200, "JSON answers are not bounded by it");
    await json.arrayBuffer();
    for (const request of admitted) request.finish();
    const answers = await Promise.all(
      admitted.map(async ({ response }) => {
        const answer = await response;
        return { status: answer.statusCode, type: answer.headers["content-type"], bytes: await bodyOf(answer) };
      }),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      if (answer.type === "application/pdf") assert.equal(answer.bytes.subarray(0, 5).toString("latin1"), "%PDF-");
      else assert.deepEqual([answer.type, ...answer.bytes.subarray(0, 4)], ["image/png", 0x89, 0x50, 0x4e, 0x47]);
    }
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /dcc_overload_refusals_total\{queue="render"\} [1-9]/);
    const again = await post("/v1/conversions", { document: SPECIMEN_2DDOC }, "application/pdf");
    assert.equal(again.status, 200, "the slots are given back");
    await again.arrayBuffer();
  });
});
