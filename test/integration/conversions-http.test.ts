// Acceptance (issue 4): the real service — real SoftHSM token, real HTTP server on an ephemeral port —
// converts the production-signed specimen samples into DCCs that the project verifier accepts, that pass
// the OFFICIAL schema, and that carry the fields of the paired CNAM test data.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { startTestService, type TestService } from "../support/service.js";
import { vectorsDir } from "../support/vectors.js";
import { CONVERTIBLE_SAMPLES, REFUSED_SAMPLE, encodings, readSamples, sample } from "../support/samples.js";

const vectors = vectorsDir("conversion acceptance");

interface ConversionBody { dcc: string; type: string; uvci: string; kid: string; issuedAt: string; expiresAt: string }

describe("POST /v1/conversions over real HTTP and SoftHSM", { skip: vectors === undefined }, () => {
  let service: TestService;
  let certificates: X509Certificate[];
  const samples = vectors === undefined ? new Map() : readSamples(vectors);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/v1/conversions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  before(async () => {
    service = await startTestService();
    const signers = (await (await fetch(`${service.url}/v1/signers`)).json()) as Array<{ certificate: string }>;
    certificates = signers.map((s) => new X509Certificate(s.certificate));
  });
  after(() => service.close());

  test("the three convertible specimen samples become DCCs the verifier accepts and the official schema validates", async () => {
    const schema = JSON.parse(readFileSync(join(vectors!, "dcc/schema/DCC.combined-schema.json"), "utf8")) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const paired = JSON.parse(readFileSync(join(vectors!, "2d-doc/dcc-fr-testdata-paired.json"), "utf8")) as {
      entries: Array<{ paired_2ddoc_sample: string | null; dcc_payload: { nam: Record<string, string>; dob: string; v?: Array<Record<string, unknown>> } }>;
    };
    for (const id of CONVERTIBLE_SAMPLES) {
      const response = await post({ document: sample(samples, id).raw });
      assert.equal(response.status, 200, id);
      const body = (await response.json()) as ConversionBody;
      assert.equal(body.type, "vaccination", id);
      assert.match(body.uvci, /^URN:UVCI:01:FR:[A-Z2-7]{16}#[A-Z0-9/:]$/, id);
      assert.ok(body.dcc.startsWith("HC1:"), id);
      const report = verifyHc1(body.dcc, { certificates, at: new Date() });
      assert.equal(report.valid, true, `${id}: ${JSON.stringify(report)}`);
      const payload = report.payload as { nam: Record<string, string>; dob: string; v: Array<Record<string, unknown>> };
      assert.ok(validate(payload), `${id}: ${JSON.stringify(validate.errors)}`);
      assert.equal(payload.v[0]!["ci"], body.uvci);
      assert.equal(Date.parse(body.expiresAt) - Date.parse(body.issuedAt), 365 * 86_400_000, id);

      // The paired CNAM test data describe the same specimen identity (2d-doc.md §6.1). Deliberate
      // differences: fn/gn are written as printed (upper case) where CNAM's acceptance data used lower
      // case; `ver` is 1.3.0; `ci` is our own UVCI; PAVOINE's CNAM file has another dose date.
      const cnam = paired.entries.find((entry) => entry.paired_2ddoc_sample?.startsWith(id))!.dcc_payload;
      assert.equal(payload.nam["fn"], cnam.nam["fn"]!.toUpperCase(), id);
      assert.equal(payload.nam["gn"], cnam.nam["gn"]!.toUpperCase(), id);
      assert.equal(payload.nam["fnt"], cnam.nam["fnt"], id);
      assert.equal(payload.nam["gnt"], cnam.nam["gnt"], id);
      assert.equal(payload.dob, cnam.dob, id);
      for (const field of ["tg", "vp", "mp", "ma", "dn", "sd", "co", "is"]) assert.equal(payload.v[0]![field], cnam.v![0]![field], `${id} v[0].${field}`);
      if (id !== "tac-ios-L1-PAVOINE") assert.equal(payload.v[0]!["dt"], cnam.v![0]!["dt"], id);
    }
  });

  test(`${REFUSED_SAMPLE} (B2, F4 3333, result X) is refused with 422 problem+json`, async () => {
    const response = await post({ document: sample(samples, REFUSED_SAMPLE).raw });
    assert.equal(response.status, 422);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; status: number; instance: string };
    assert.match(problem.code, /^ERR_MAPPING_/);
    assert.equal(problem.status, 422);
    assert.match(problem.instance, /^urn:request:/);
  });

  test("the same document in every accepted encoding gets the same UVCI; another document another one", async () => {
    const uvcis = new Set<string>();
    for (const [form, document] of Object.entries(encodings(sample(samples, "kit-L1-AZAY-valid").raw))) {
      const response = await post({ document });
      assert.equal(response.status, 200, form);
      uvcis.add(((await response.json()) as ConversionBody).uvci);
    }
    assert.equal(uvcis.size, 1);
    const other = (await (await post({ document: sample(samples, "tac-ios-L1-PAVOINE").raw })).json()) as ConversionBody;
    assert.ok(!uvcis.has(other.uvci));
  });

  test("Accept: image/png gives a QR code (ECC level Q) that reads back as the HC1 string; SVG too", async () => {
    const document = sample(samples, "kit-L1-AZAY-valid").raw;
    const wasm = readFileSync(join(import.meta.dirname, "../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"));
    await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
    const png = await post({ document }, { accept: "image/png" });
    assert.equal(png.status, 200);
    assert.equal(png.headers.get("content-type"), "image/png");
    const [read] = await readBarcodes(new Uint8Array(await png.arrayBuffer()), { formats: ["QRCode"], textMode: "Plain" });
    assert.ok(read?.text.startsWith("HC1:"));
    assert.equal(read?.ecLevel, "Q");
    const report = verifyHc1(read!.text, { certificates, at: new Date() });
    assert.equal(report.valid, true);
    const svg = await post({ document }, { accept: "image/svg+xml" });
    assert.equal(svg.status, 200);
    assert.match(svg.headers.get("content-type") ?? "", /^image\/svg\+xml/);
    assert.match(await svg.text(), /<svg/);
    const none = await post({ document }, { accept: "text/csv" });
    assert.equal(none.status, 406);
  });

  test("GET /v1/signers lists each DSC with its kid, types and validity", async () => {
    const signers = (await (await fetch(`${service.url}/v1/signers`)).json()) as Array<{ kid: string; types: string[]; notBefore: string; notAfter: string }>;
    assert.deepEqual(signers.flatMap((s) => s.types).sort(), ["r", "t", "v"]);
    for (const signer of signers) {
      assert.equal(Buffer.from(signer.kid, "base64").length, 8);
      assert.ok(Date.parse(signer.notBefore) < Date.parse(signer.notAfter));
    }
  });

  test("health, readiness and metrics answer", async () => {
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
    const ready = await fetch(`${service.url}/readyz`);
    assert.equal(ready.status, 200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /dcc_conversions_total\{channel="api",document_type="vaccination",outcome="OK",tables_version="[^"]+"\} \d+/);
    assert.match(metrics, /dcc_hsm_available 1/);
    // the session gauge is set: the configured pool size (PKCS11_SESSIONS), and nothing waiting when idle
    assert.match(metrics, /dcc_hsm_sessions\{state="size"\} [1-9]\d*/);
    assert.match(metrics, /dcc_hsm_sessions\{state="waiting"\} 0/);
  });
});
