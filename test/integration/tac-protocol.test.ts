// Acceptance: the TousAntiCovid protocol v1 and v2 against the REAL service (SoftHSM token, HTTP on
// an ephemeral port), driven by a client written from the protocol description (test/support/tac-client.ts).
// Our own documents (the production-signed specimen and two signed by a key made in the test) convert in the Android (raw) and iOS (percent-encoded) forms,
// and every returned HC1 is verified with the service's published signer certificates.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate, createPublicKey } from "node:crypto";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { signerCertificates, startTestService, type TestService } from "../support/service.js";
import { makeOwnDocuments } from "../support/own-documents.js";
import { KEYS_PATH, V1_PATH, convertV1, convertV2, fetchServerKeys, percentEncodeLikeIos } from "../support/tac-client.js";

const ALIAS = "dev01";

describe("TousAntiCovid v1 and v2 over real HTTP and SoftHSM", () => {
  let service: TestService;
  let certificates: X509Certificate[];
  let serverSpki: string;
  const own = makeOwnDocuments();
  const forms = (raw: string) => ({ android: raw, ios: percentEncodeLikeIos(raw) });

  function verified(hc1: string, label: string): { ci: string } {
    assert.ok(hc1.startsWith("HC1:"), label);
    const report = verifyHc1(hc1, { certificates, at: new Date() });
    assert.equal(report.valid, true, `${label}: ${JSON.stringify(report.stages)}`);
    const payload = report.payload as { v: Array<{ ci: string }> };
    return payload.v[0]!;
  }

  before(async () => {
    service = await startTestService({ TWODDOC_TRUST_BUNDLE: own.trustBundle });
    certificates = await signerCertificates(service.url);
    serverSpki = (await fetchServerKeys(service.url))[ALIAS]!;
  });
  after(() => service.close());

  test("the key publication lists the live alias with a P-256 SPKI", async () => {
    const response = await fetch(`${service.url}${KEYS_PATH}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    const keys = (await response.json()) as Record<string, string>;
    assert.deepEqual(Object.keys(keys), [ALIAS]);
    const key = createPublicKey({ key: Buffer.from(keys[ALIAS]!, "base64"), format: "der", type: "spki" });
    assert.equal(key.asymmetricKeyDetails?.namedCurve, "prime256v1");
  });

  test("v1: each convertible document, raw (Android) and percent-encoded (iOS), gives a verified HC1 as text/plain", async () => {
    for (const { label: id, raw } of own.convertible) {
      const uvcis = new Set<string>();
      for (const [form, chain] of Object.entries(forms(raw))) {
        const answer = await convertV1(service.url, chain);
        assert.equal(answer.status, 200, `${id} ${form}: ${answer.text}`);
        assert.match(answer.contentType, /^text\/plain/);
        uvcis.add(verified(answer.text, `${id} v1 ${form}`).ci);
      }
      assert.equal(uvcis.size, 1, `${id}: both forms give the same UVCI`);
    }
  });

  test("v2: each convertible document, in both forms, decrypts to a verified HC1 with the same UVCI as v1 and the native API", async () => {
    for (const { label: id, raw } of own.convertible) {
      const v1 = verified((await convertV1(service.url, raw)).text, `${id} v1`).ci;
      const native = (await (
        await fetch(`${service.url}/v1/conversions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ document: raw }),
        })
      ).json()) as { uvci: string };
      assert.equal(native.uvci, v1, id);
      for (const [form, chain] of Object.entries(forms(raw))) {
        const answer = await convertV2(service.url, chain, { alias: ALIAS, serverSpki });
        assert.equal(answer.status, 200, `${id} ${form}: ${answer.text}`);
        assert.match(answer.contentType, /^text\/plain/);
        assert.match(answer.text, /^[A-Z0-9+/]+=*$/i, "the body is base64, not HC1 in clear");
        assert.equal(verified(answer.plaintext!, `${id} v2 ${form}`).ci, v1, `${id} ${form}`);
      }
    }
  });

  test("v2: two exchanges with the same document use different IVs and keys", async () => {
    const raw = own.convertible[0].raw;
    const first = await convertV2(service.url, raw, { alias: ALIAS, serverSpki });
    const second = await convertV2(service.url, raw, { alias: ALIAS, serverSpki });
    assert.equal(first.status, 200);
    assert.notEqual(
      Buffer.from(first.text, "base64").subarray(0, 12).toString("hex"),
      Buffer.from(second.text, "base64").subarray(0, 12).toString("hex"),
    );
  });

  test("the logs of all these conversions hold no name, date, document, HC1, UVCI or key", () => {
    const logs = service.logs.join("\n");
    assert.ok(logs.includes("/api/v2/client/convertor/decode/decodeDocument"), "the access log names the route");
    const identities = own.convertible.flatMap((document) => Object.values(document.fields));
    for (const secret of [...identities, "HC1:", "URN:UVCI", "DC04FR03", "DC04FR99", "%1D", "MFkw", "keyAlias="]) {
      assert.ok(!logs.includes(secret), `logs contain ${secret}`);
    }
  });

  test("a request that does not go through the TAC routes is not answered in the TAC format", async () => {
    const response = await fetch(`${service.url}/api/unknown`);
    assert.equal(response.status, 404);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_NOT_FOUND");
    const v1 = await fetch(`${service.url}${V1_PATH}`);
    assert.equal(v1.status, 405);
    assert.match(v1.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(((await v1.json()) as { codeError: string }).codeError, "NOT_FOUND");
  });
});
