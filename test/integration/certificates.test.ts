// POST /v1/certificates — MEAE issuance over real HTTP and SoftHSM: valid vaccination and recovery
// payloads become DCCs that the project verifier accepts and that carry exactly the payload sent;
// each kind of invalid payload gets its code; two issuances never share a UVCI; a QR on request.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { signerCertificates, startTestService, type TestService } from "../support/service.js";

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const NAME = { fn: "Specimen", fnt: "SPECIMEN", gn: "Marie Anne", gnt: "MARIE<ANNE" };

function vaccination(entry: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return {
    ver: "1.3.0",
    nam: NAME,
    dob: "1970-01-01",
    v: [
      {
        tg: "840539006",
        vp: "1119349007",
        mp: "EU/1/20/1528",
        ma: "ORG-100030215",
        dn: 2,
        sd: 2,
        dt: daysAgo(30),
        co: "DE",
        is: "Ministère de l'Europe et des Affaires étrangères",
        ...entry,
      },
    ],
    ...top,
  };
}
function recovery(entry: Record<string, unknown> = {}) {
  return {
    ver: "1.3.0",
    nam: NAME,
    dob: "1980-05",
    r: [
      {
        tg: "840539006",
        fr: daysAgo(20),
        co: "BE",
        is: "Ministère de l'Europe et des Affaires étrangères",
        df: daysAgo(9),
        du: today,
        ...entry,
      },
    ],
  };
}

describe("POST /v1/certificates (MEAE)", () => {
  let service: TestService;
  let certificates: X509Certificate[];
  const issue = (body: unknown, accept = "application/json") =>
    fetch(`${service.url}/v1/certificates`, {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify(body),
    });
  const codeOf = async (response: Response) => (await response.json()) as { code: string; field?: string };

  before(async () => {
    service = await startTestService();
    certificates = await signerCertificates(service.url);
  });
  after(() => service.close());

  test("valid vaccination and recovery payloads issue DCCs that verify and carry the payload sent, with our UVCI", async () => {
    for (const [payload, type] of [
      [vaccination(), "vaccination"],
      [vaccination({ dn: 2, sd: 1 }), "vaccination"],
      [recovery(), "recovery"],
    ] as const) {
      const response = await issue(payload);
      assert.equal(response.status, 201);
      const body = (await response.json()) as { dcc: string; type: string; uvci: string };
      assert.equal(body.type, type);
      assert.match(body.uvci, /^URN:UVCI:01:FR:[A-Z2-7]{16}#[A-Z0-9/:]$/);
      const report = verifyHc1(body.dcc, { certificates, at: new Date() });
      assert.equal(report.valid, true, JSON.stringify(report.stages));
      const group = "v" in payload ? "v" : "r";
      const sent = payload as unknown as Record<string, Array<Record<string, unknown>>>;
      assert.deepEqual(report.payload, { ...payload, [group]: [{ ...sent[group]![0], ci: body.uvci }] });
    }
  });

  test("two issuances of the same payload get different UVCIs", async () => {
    const first = (await (await issue(vaccination())).json()) as { uvci: string };
    const second = (await (await issue(vaccination())).json()) as { uvci: string };
    assert.notEqual(first.uvci, second.uvci);
  });

  test("Accept: image/png gives a printable QR", async () => {
    const response = await issue(recovery(), "image/png");
    assert.equal(response.status, 201);
    assert.equal(response.headers.get("content-type"), "image/png");
    assert.deepEqual([...new Uint8Array(await response.arrayBuffer()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  test("each kind of invalid payload gets its code", async () => {
    const cases: Array<[string, unknown, number, string, string?]> = [
      [
        "test certificate",
        {
          ver: "1.3.0",
          nam: NAME,
          dob: "1970",
          t: [{ tg: "840539006", tt: "LP6464-4", sc: `${today}T08:00:00Z`, tr: "260415000", co: "FR", is: "MEAE" }],
        },
        422,
        "ERR_DCC_TYPE_NOT_ISSUABLE",
      ],
      ["ci sent by the client", vaccination({ ci: "URN:UVCI:01:FR:ABC#X" }), 422, "ERR_DCC_PAYLOAD", "/v/0/ci"],
      ["both v and r", { ...vaccination(), r: recovery().r }, 422, "ERR_DCC_PAYLOAD"],
      ["missing field", vaccination({ mp: undefined }), 422, "ERR_DCC_PAYLOAD"],
      ["wrong type", vaccination({ dn: "2" }), 422, "ERR_DCC_PAYLOAD"],
      ["not an object", [1, 2], 422, "ERR_DCC_PAYLOAD"],
      ["unknown product", vaccination({ mp: "EU/1/99/0000" }), 422, "ERR_DCC_VALUE_SET", "v[0].mp"],
      ["unknown country", vaccination({ co: "XX" }), 422, "ERR_DCC_VALUE_SET", "v[0].co"],
      [
        "vaccination in the future",
        vaccination({ dt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }),
        422,
        "ERR_DCC_PLAUSIBILITY",
        "v[0].dt",
      ],
      ["dn > sd", vaccination({ dn: 3, sd: 2 }), 422, "ERR_DCC_PLAUSIBILITY", "v[0].dn"],
      ["born after the vaccination", vaccination({}, { dob: daysAgo(10) }), 422, "ERR_DCC_PLAUSIBILITY", "dob"],
      ["df after du", recovery({ df: today, du: daysAgo(1) }), 422, "ERR_DCC_PLAUSIBILITY", "r[0].du"],
      [
        "recovery in the future",
        recovery({ fr: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }),
        422,
        "ERR_DCC_PLAUSIBILITY",
        "r[0].fr",
      ],
    ];
    for (const [name, payload, status, code, field] of cases) {
      const response = await issue(payload);
      assert.equal(response.status, status, name);
      const problem = await codeOf(response);
      assert.equal(problem.code, code, name);
      if (field !== undefined) assert.equal(problem.field, field, name);
    }
    const wrongType = await fetch(`${service.url}/v1/certificates`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    assert.equal(wrongType.status, 415);
    assert.equal((await codeOf(wrongType)).code, "ERR_REQUEST_CONTENT_TYPE");
  });

  // Regression: a lone surrogate and a NUL in `fn` were signed into CBOR that is not UTF-8 (RFC 8949 §3.1).
  test("a lone surrogate or a control character in any text is refused, naming the field, nothing issued", async () => {
    const cases: Array<[unknown, string]> = [
      [vaccination({}, { nam: { ...NAME, fn: "\ud800A\u0000B" } }), "/nam/fn"],
      [vaccination({}, { nam: { ...NAME, gn: "Marie\udc00" } }), "/nam/gn"],
      [vaccination({}, { nam: { ...NAME, gn: "Marie\u0085Anne" } }), "/nam/gn"],
      [vaccination({ is: "MEAE\u0007" }), "/v/0/is"],
      [recovery({ is: "MEAE\nFR" }), "/r/0/is"],
    ];
    for (const [payload, field] of cases) {
      const body = JSON.stringify(payload);
      const response = await fetch(`${service.url}/v1/certificates`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      assert.equal(response.status, 422, field);
      const problem = await codeOf(response);
      assert.deepEqual([problem.code, problem.field], ["ERR_DCC_PAYLOAD", field]);
      assert.ok(!JSON.stringify(problem).includes("Marie") && !JSON.stringify(problem).includes("MEAE"), "no value echoed");
    }
    const astral = await issue(vaccination({}, { nam: { ...NAME, gn: "Marie \u{1F600}" } }));
    assert.equal(astral.status, 201, "a well-formed surrogate pair is text");
  });
});
