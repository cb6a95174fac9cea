// Acceptance: the real service — real SoftHSM token, real HTTP server on an ephemeral port — converts our
// own documents (the production-signed specimen and two signed by a key made in the test) into DCCs that
// the project verifier accepts, carrying the fields the 2D-DOC printed, valid for the configured period
// unless the signer's certificate ends sooner (hcert §3.3.5).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { startTestService, type TestService } from "../support/service.js";
import { encodings } from "../support/samples.js";
import { makeOwnDocuments } from "../support/own-documents.js";

interface ConversionBody {
  dcc: string;
  type: string;
  uvci: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
}
interface SignerBody {
  certificate: string;
  kid: string;
  types: string[];
  notBefore: string;
  notAfter: string;
}

const VACCINATION_DAYS = 365; // DCC_VALIDITY_VACCINATION_DAYS, given to the service below
const DAY = 86_400_000;

/** What each of our documents must become (EU value sets: Comirnaty EU/1/20/1528 by BioNTech, Spikevax EU/1/20/1507 by Moderna). */
const EXPECTED = [
  {
    nam: { fn: "AZAY LE RIDEAU", fnt: "AZAY<LE<RIDEAU", gn: "JEAN-PIERRE", gnt: "JEAN<PIERRE" },
    dob: "1952-08-04",
    v: { mp: "EU/1/20/1528", ma: "ORG-100030215", dn: 2, sd: 2, dt: "2021-03-31" },
  },
  {
    nam: { fn: "SPECIMEN DURAND", fnt: "SPECIMEN<DURAND", gn: "CLAUDE", gnt: "CLAUDE" },
    dob: "1960-02-02",
    v: { mp: "EU/1/20/1528", ma: "ORG-100030215", dn: 2, sd: 2, dt: "2021-05-15" },
  },
  {
    nam: { fn: "SPECIMEN MARTIN", fnt: "SPECIMEN<MARTIN", gn: "CAMILLE ANDREE", gnt: "CAMILLE<ANDREE" },
    dob: "1985-07-14",
    v: { mp: "EU/1/20/1507", ma: "ORG-100031184", dn: 2, sd: 2, dt: "2021-03-24" },
  },
] as const;

describe("POST /v1/conversions over real HTTP and SoftHSM", () => {
  let service: TestService;
  let certificates: X509Certificate[];
  let signers: SignerBody[];
  const own = makeOwnDocuments();
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  before(async () => {
    service = await startTestService({ TWODDOC_TRUST_BUNDLE: own.trustBundle, DCC_VALIDITY_VACCINATION_DAYS: String(VACCINATION_DAYS) });
    signers = (await (await fetch(`${service.url}/v1/signers`)).json()) as SignerBody[];
    certificates = signers.map((s) => new X509Certificate(s.certificate));
  });
  after(() => service.close());

  test("our three convertible documents become DCCs the verifier accepts, with the printed fields", async () => {
    for (const [i, document] of own.convertible.entries()) {
      const id = document.label;
      const expected = EXPECTED[i]!;
      const response = await post({ document: document.raw });
      assert.equal(response.status, 200, id);
      const body = (await response.json()) as ConversionBody;
      assert.equal(body.type, "vaccination", id);
      assert.match(body.uvci, /^URN:UVCI:01:FR:[A-Z2-7]{16}#[A-Z0-9/:]$/, id);
      assert.ok(body.dcc.startsWith("HC1:"), id);
      const report = verifyHc1(body.dcc, { certificates, at: new Date() });
      assert.equal(report.valid, true, `${id}: ${JSON.stringify(report)}`);
      const payload = report.payload as { ver: string; nam: Record<string, string>; dob: string; v: Array<Record<string, unknown>> };
      assert.equal(payload.ver, "1.3.0", id);
      assert.deepEqual(payload.nam, expected.nam, id);
      assert.equal(payload.dob, expected.dob, id);
      assert.deepEqual(payload.v[0], { tg: "840539006", vp: "1119349007", ...expected.v, co: "FR", is: "CNAM", ci: body.uvci }, id);

      // exp = iat + the vaccination validity, never after the vaccination DSC's notAfter (hcert §3.3.5).
      const signer = signers.find((s) => s.kid === body.kid)!;
      assert.ok(signer.types.includes("v"), id);
      const issuedAt = Date.parse(body.issuedAt);
      const expectedExpiry = Math.min(issuedAt + VACCINATION_DAYS * DAY, Math.floor(Date.parse(signer.notAfter) / 1000) * 1000);
      assert.equal(Date.parse(body.expiresAt), expectedExpiry, id);
    }
  });

  test("a signed B2 with test code 3333 (no such test type) is refused with 422 ERR_MAPPING_UNKNOWN_CODE problem+json", async () => {
    const response = await post({ document: own.refused.raw });
    assert.equal(response.status, 422);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    const problem = (await response.json()) as { code: string; status: number; instance: string };
    assert.equal(problem.code, "ERR_MAPPING_UNKNOWN_CODE");
    assert.equal(problem.status, 422);
    assert.match(problem.instance, /^urn:request:/);
  });

  test("the same document in every accepted encoding gets the same UVCI; another document another one", async () => {
    const uvcis = new Set<string>();
    for (const [form, document] of Object.entries(encodings(own.convertible[0].raw))) {
      const response = await post({ document });
      assert.equal(response.status, 200, form);
      uvcis.add(((await response.json()) as ConversionBody).uvci);
    }
    assert.equal(uvcis.size, 1);
    const other = (await (await post({ document: own.convertible[2].raw })).json()) as ConversionBody;
    assert.ok(!uvcis.has(other.uvci));
  });

  test("Accept: image/png gives a QR code (ECC level Q) that reads back as the HC1 string; SVG too", async () => {
    const document = own.convertible[0].raw;
    const wasm = readFileSync(join(import.meta.dirname, "../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"));
    await prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
      fireImmediately: true,
    });
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
    assert.equal(((await none.json()) as { code: string }).code, "ERR_NOT_ACCEPTABLE");
  });

  test("GET /v1/signers lists each DSC with its kid, types and validity", async () => {
    const signers = (await (await fetch(`${service.url}/v1/signers`)).json()) as Array<{
      kid: string;
      types: string[];
      notBefore: string;
      notAfter: string;
    }>;
    assert.deepEqual(signers.flatMap((s) => s.types).sort(), ["r", "t", "v"]);
    for (const signer of signers) {
      assert.equal(Buffer.from(signer.kid, "base64").length, 8);
      assert.ok(Date.parse(signer.notBefore) < Date.parse(signer.notAfter));
    }
  });

  test("health answers on both ports, readiness and metrics on the operations port", async () => {
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${service.opsUrl}/healthz`)).status, 200);
    const ready = await fetch(`${service.opsUrl}/readyz`);
    assert.equal(ready.status, 200);
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /dcc_conversions_total\{channel="api",document_type="vaccination",outcome="OK",tables_version="[^"]+"\} \d+/);
    assert.match(metrics, /dcc_hsm_available 1/);
    // the session gauge is set: the configured pool size (PKCS11_SESSIONS), and nothing waiting when idle
    assert.match(metrics, /dcc_hsm_sessions\{state="size"\} [1-9]\d*/);
    assert.match(metrics, /dcc_hsm_sessions\{state="waiting"\} 0/);
  });
});
