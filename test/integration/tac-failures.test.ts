// Each failure path of the TousAntiCovid endpoints, on the real service, with its status and
// codeError — always `{codeError, msgError}` JSON, never a value of the request, never in the logs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createECDH, generateKeyPairSync } from "node:crypto";
import { startTestService, type TestService } from "../support/service.js";
import { makeOwnDocuments } from "../support/own-documents.js";
import { V1_PATH, V2_PATH, convertV1, convertV2, fetchServerKeys, newClientKey, type TacAnswer } from "../support/tac-client.js";

const ALIAS = "dev01";

/** The answer is `{codeError, msgError}` JSON with this status and code, and echoes none of `sent`. */
function assertTacError(answer: TacAnswer, status: number, codeError: string, sent: readonly string[] = []): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.contentType, /^application\/json/);
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ["codeError", "msgError"]);
  assert.equal(body["codeError"], codeError);
  assert.equal(typeof body["msgError"], "string");
  for (const value of sent) assert.ok(!answer.text.includes(value.slice(0, 16)), "the answer echoes the request");
}

describe("TousAntiCovid failure paths over real HTTP and SoftHSM", () => {
  let service: TestService;
  let serverSpki: string;
  const own = makeOwnDocuments();
  const valid = () => own.convertible[0].raw;
  const v2 = (document: string, options: Partial<Parameters<typeof convertV2>[2]> = {}) =>
    convertV2(service.url, document, { alias: ALIAS, serverSpki, ...options });

  before(async () => {
    service = await startTestService({ TWODDOC_TRUST_BUNDLE: own.trustBundle });
    serverSpki = (await fetchServerKeys(service.url))[ALIAS]!;
  });
  after(() => service.close());

  test("unknown or missing key alias: 400 UNKNOWN_KEY_ALIAS", async () => {
    assertTacError(await v2(valid(), { alias: "prd99" }), 400, "UNKNOWN_KEY_ALIAS", ["prd99"]);
    const noAlias = await fetch(`${service.url}${V2_PATH}?publicKey=${encodeURIComponent(newClientKey().spkiBase64)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chainEncoded: "AAAA", source: "DEUX_D_DOC", destination: "DGCA" }),
    });
    assertTacError(
      {
        status: noAlias.status,
        contentType: noAlias.headers.get("content-type") ?? "",
        headers: noAlias.headers,
        text: await noAlias.text(),
      },
      400,
      "UNKNOWN_KEY_ALIAS",
    );
  });

  test("invalid client keys (off the curve, compressed, other curve, wrong size, garbage): 400 INVALID_PUBLIC_KEY", async () => {
    const spki = Buffer.from(newClientKey().spkiBase64, "base64");
    const offCurve = Buffer.from(spki);
    offCurve[offCurve.length - 1] = (offCurve[offCurve.length - 1] ?? 0) ^ 1;
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const compressed = Buffer.concat([
      Buffer.from("3039301306072a8648ce3d020106082a8648ce3d030107032200", "hex"),
      ecdh.getPublicKey(undefined, "compressed"),
    ]);
    const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ type: "spki", format: "der" });
    for (const [label, key] of Object.entries({
      offCurve,
      compressed,
      p384,
      short: spki.subarray(0, 60),
      garbage: Buffer.from("not a key"),
    })) {
      const publicKeyParam = key.toString("base64");
      const answer = await v2(valid(), { publicKeyParam });
      assert.equal(answer.status, 400, label);
      assertTacError(answer, 400, "INVALID_PUBLIC_KEY", [publicKeyParam]);
    }
  });

  test("a tampered ciphertext, or one sealed under another key: 400 DECRYPTION_FAILED", async () => {
    const flip = (wire: string) => {
      const bytes = Buffer.from(wire, "base64");
      bytes[20] = (bytes[20] ?? 0) ^ 0x40;
      return bytes.toString("base64");
    };
    assertTacError(await v2(valid(), { tamper: flip }), 400, "DECRYPTION_FAILED");
    assertTacError(await v2(valid(), { tamper: (wire) => wire.slice(0, 20) }), 400, "DECRYPTION_FAILED");
    assertTacError(await v2(valid(), { tamper: () => valid() }), 400, "DECRYPTION_FAILED");
    // The app's key and the key it says it used differ: same refusal, no hint of why.
    assertTacError(await v2(valid(), { publicKeyParam: newClientKey().spkiBase64 }), 400, "DECRYPTION_FAILED");
  });

  test("a wrong source or destination: 400 UNSUPPORTED_CONVERSION in v1 and v2", async () => {
    assertTacError(await convertV1(service.url, valid(), { source: "DCC" }), 400, "UNSUPPORTED_CONVERSION");
    assertTacError(await convertV1(service.url, valid(), { destination: "PDF" }), 400, "UNSUPPORTED_CONVERSION");
    assertTacError(await v2(valid(), { source: "DCC" }), 400, "UNSUPPORTED_CONVERSION");
  });

  test("a non-convertible document (B2, F4 3333 is no test code): 422 INVALID_DOCUMENT_DATA in v1 and v2", async () => {
    const refused = own.refused.raw;
    assertTacError(await convertV1(service.url, refused), 422, "INVALID_DOCUMENT_DATA", [refused]);
    assertTacError(await v2(refused), 422, "INVALID_DOCUMENT_DATA");
  });

  test("a forged document (data changed, signature kept): 422 INVALID_SIGNATURE; garbage: 400 UNREADABLE_DOCUMENT", async () => {
    assertTacError(await convertV1(service.url, valid().replace("AZAY", "AZAX")), 422, "INVALID_SIGNATURE");
    assertTacError(await v2(valid().replace("AZAY", "AZAX")), 422, "INVALID_SIGNATURE");
    assertTacError(await convertV1(service.url, "DC04 not a document"), 400, "UNREADABLE_DOCUMENT");
  });

  test("envelope errors are TAC JSON too: bad JSON 400, content type 415, size 413, method 405, unknown path 404", async () => {
    const send = async (path: string, init: RequestInit): Promise<TacAnswer> => {
      const response = await fetch(`${service.url}${path}`, init);
      return {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        headers: response.headers,
        text: await response.text(),
      };
    };
    const json = { "content-type": "application/json" };
    assertTacError(await send(V1_PATH, { method: "POST", headers: json, body: "{not json" }), 400, "INVALID_REQUEST");
    assertTacError(
      await send(V1_PATH, { method: "POST", headers: { "content-type": "text/plain" }, body: valid() }),
      415,
      "INVALID_REQUEST",
    );
    const big = JSON.stringify({ chainEncoded: "A".repeat(20_000), source: "DEUX_D_DOC", destination: "DGCA" });
    assertTacError(await send(V2_PATH, { method: "POST", headers: json, body: big }), 413, "INVALID_REQUEST");
    assertTacError(await send(V1_PATH, { method: "PUT", headers: json, body: "{}" }), 405, "NOT_FOUND");
    assertTacError(await send("/api/v2/client/convertor/other", { method: "GET" }), 404, "NOT_FOUND");
    assertTacError(
      await send(V1_PATH, { method: "POST", headers: json, body: JSON.stringify({ source: "DEUX_D_DOC", destination: "DGCA" }) }),
      400,
      "INVALID_REQUEST",
    );
  });

  test("nothing of the requests reached the logs; metrics count per version and outcome", async () => {
    const logs = service.logs.join("\n");
    const identities = [...Object.values(own.convertible[0].fields), ...Object.values(own.refused.fields)];
    for (const secret of [...identities, "AZAY", "HC1:", "chainEncoded", "MFkw", "publicKey=", "prd99", "DC04FR03", "DC04FR99"]) {
      assert.ok(!logs.includes(secret), `logs contain ${secret}`);
    }
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.match(metrics, /dcc_tac_requests_total\{version="v2",outcome="ERR_TAC_KEY_ALIAS"\} [1-9]/);
    assert.match(metrics, /dcc_tac_requests_total\{version="v2",outcome="ERR_TAC_CLIENT_KEY"\} [1-9]/);
    assert.match(metrics, /dcc_tac_requests_total\{version="v2",outcome="ERR_TAC_DECRYPT"\} [1-9]/);
    assert.match(metrics, /dcc_tac_requests_total\{version="v1",outcome="ERR_TAC_SOURCE"\} [1-9]/);
    assert.match(metrics, /dcc_tac_requests_total\{version="v1",outcome="ERR_2DDOC_SIGNATURE"\} [1-9]/);
    assert.match(metrics, /dcc_tac_requests_total\{version="v2",outcome="ERR_MAPPING_UNKNOWN_CODE"\} [1-9]/);
    assert.match(metrics, /dcc_conversions_total\{channel="tac-v2",document_type="none",outcome="ERR_MAPPING_UNKNOWN_CODE"/);
    assert.ok(!metrics.includes("AZAY") && !metrics.includes("HC1:"));
  });
});
