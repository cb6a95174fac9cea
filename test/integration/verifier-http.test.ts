// The verifier over real HTTP (docs/verification.md): POST /v1/verifications with API keys (scope verify) and bad input,
// GET /v1/verifier/trust with ETag / 304, DCC_TRUST_LIST and rules reloaded (a broken file keeps the one in force),
// the usage log and dcc_verifications_total without content, readiness and shutdown, and a DCC converted by the real
// converter (SoftHSM) verified by the real verifier.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes, X509Certificate } from "node:crypto";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashApiKey } from "../../src/http/auth.js";
import { PROJECT_ROOT } from "../../src/config.js";
import { trustListEntry } from "../../src/trust/dcc-trust-list.js";
import { SPECIMEN } from "../support/own-documents.js";
import { signerCertificates, startTestService, type TestService } from "../support/service.js";
import { postVerification, startTestVerifier, type TestVerifier } from "../support/verifier-service.js";
import { convertAt, dsc, vaccination } from "../support/verification-fixtures.js";

const VERIFY_KEY = randomBytes(32).toString("base64url");
const CONVERT_KEY = randomBytes(32).toString("base64url");
const dir = mkdtempSync(join(tmpdir(), "dcc-verifier-"));
const keysFile = join(dir, "api-keys.json");
const trustList = join(dir, "trust-list.json");
const rulesDir = join(dir, "rules");
let converter: TestService;
let verifier: TestVerifier;
const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const at2021 = { validationTime: "2021-07-01T12:00:00Z" };

before(async () => {
  writeFileSync(
    keysFile,
    JSON.stringify([
      { name: "border-app", keyHash: hashApiKey(VERIFY_KEY), scopes: ["verify"] },
      { name: "converter-only", keyHash: hashApiKey(CONVERT_KEY), scopes: ["convert"] },
    ]),
  );
  converter = await startTestService();
  const signers = await signerCertificates(converter.url);
  writeFileSync(trustList, JSON.stringify(signers.map(trustListEntry)));
  cpSync(join(PROJECT_ROOT, "rules"), rulesDir, { recursive: true });
  verifier = await startTestVerifier({ API_KEYS_FILE: keysFile, DCC_TRUST_LIST: trustList, RULES_DIR: rulesDir });
});

after(async () => {
  await verifier?.close();
  await converter?.close();
});

test("a verify-scoped client gets the verdict; no key is 401, a key without the scope 403", async () => {
  const ok = await postVerification(verifier.url, { barcode: SPECIMEN.raw, ...at2021 }, auth(VERIFY_KEY));
  assert.equal(ok.status, 200);
  assert.equal(ok.json["decision"], "valid");
  assert.deepEqual(ok.json["ruleSet"], { id: "activity", version: 1 });
  assert.equal((await postVerification(verifier.url, { barcode: SPECIMEN.raw })).json["code"], "ERR_AUTH_MISSING");
  const wrong = await postVerification(verifier.url, { barcode: SPECIMEN.raw }, auth(CONVERT_KEY));
  assert.deepEqual([wrong.status, wrong.json["code"]], [403, "ERR_AUTH_SCOPE"]);
});

test("a DCC the real converter signed verifies on its signature, issuer and validity; no rule in force today: undetermined", async () => {
  const response = await fetch(`${converter.url}/v1/conversions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ document: SPECIMEN.raw }),
  });
  const { dcc } = (await response.json()) as { dcc: string };
  const { status, json } = await postVerification(verifier.url, { barcode: dcc, ruleSet: "travel-FR" }, auth(VERIFY_KEY));
  assert.equal(status, 200);
  const checks = json["checks"] as { id: string; result: string }[];
  for (const id of ["signature", "issuer", "expiration", "schema", "revocation"])
    assert.equal(checks.find((c) => c.id === id)?.result, "passed", id);
  assert.deepEqual([json["decision"], json["format"], checks.at(-1)?.id], ["undetermined", "dcc", "rules-in-force"]);
});

test("bad requests get their codes and echo nothing", async () => {
  const cases: [unknown, number, string][] = [
    [{ barcode: "HC1:6BFOXN*TS0BI$ZD" }, 400, "ERR_BARCODE_UNDECODABLE"],
    [{ barcode: "DC04NOTADOCUMENT" }, 400, "ERR_2DDOC_HEADER"],
    [{ barcode: '{"data": {"hdr": {}}}' }, 400, "ERR_BARCODE_UNDECODABLE"],
    [{ barcode: SPECIMEN.raw, ruleSet: "mars" }, 400, "ERR_RULE_SET_UNKNOWN"],
    [{ barcode: SPECIMEN.raw, detail: "everything" }, 400, "ERR_REQUEST_MALFORMED"],
    [{ barcode: SPECIMEN.raw, validationTime: "yesterday" }, 400, "ERR_VALIDATION_TIME"],
    [{ barcode: SPECIMEN.raw, name: "AZAY" }, 400, "ERR_REQUEST_MALFORMED"],
    [{ document: SPECIMEN.raw }, 400, "ERR_REQUEST_MALFORMED"],
    [`{"barcode": "${"A".repeat(17_000)}"}`, 413, "ERR_REQUEST_TOO_LARGE"],
  ];
  for (const [body, status, code] of cases) {
    const answer = await postVerification(verifier.url, body, auth(VERIFY_KEY));
    assert.deepEqual([answer.status, answer.json["code"]], [status, code], JSON.stringify(body).slice(0, 60));
    assert.ok(!JSON.stringify(answer.json).includes("AZAY") && !JSON.stringify(answer.json).includes("DC04"));
  }
  const text = await fetch(`${verifier.url}/v1/verifications`, {
    method: "POST",
    headers: { "content-type": "text/plain", ...auth(VERIFY_KEY) },
    body: "x",
  });
  assert.equal(text.status, 415);
});

test("GET /v1/verifier/trust: certificates and rule sets with an ETag; 304 when unchanged; a new ETag after a reload", async () => {
  const first = await fetch(`${verifier.url}/v1/verifier/trust`);
  const etag = first.headers.get("etag") ?? "";
  const body = (await first.json()) as {
    dcc: { certificates: { kid: string }[] };
    ruleSets: { id: string }[];
    twoddoc: { certificates: string };
  };
  assert.deepEqual(
    body.ruleSets.map((set) => set.id),
    ["activity", "travel-FR"],
  );
  assert.ok(body.twoddoc.certificates.includes("BEGIN CERTIFICATE"));
  assert.equal((await fetch(`${verifier.url}/v1/verifier/trust`, { headers: { "if-none-match": etag } })).status, 304);
  const { hc1 } = await convertAt(vaccination("01062021"), new Date("2021-06-20T12:00:00Z"));
  const signatureCheck = async () => {
    const { json } = await postVerification(verifier.url, { barcode: hc1, ...at2021 }, auth(VERIFY_KEY));
    return (json["checks"] as { id: string; result: string }[]).find((check) => check.id === "signature")?.result;
  };
  assert.equal(await signatureCheck(), "open", "a DSC not on the list in force: no key to check with");
  const reloaded = verifier.nextLog((line) => line["event"] === "verifier-source-loaded" && line["source"] === "DCC_TRUST_LIST");
  const next = join(dir, "trust-list.next.json");
  writeFileSync(next, JSON.stringify([...(JSON.parse(readFileSync(trustList, "utf8")) as unknown[]), trustListEntry(dsc.certificate)]));
  renameSync(next, trustList);
  await reloaded;
  assert.equal(await signatureCheck(), "passed", "the verification workers verify with the list swapped in");
  const second = await fetch(`${verifier.url}/v1/verifier/trust`, { headers: { "if-none-match": etag } });
  assert.equal(second.status, 200);
  assert.notEqual(second.headers.get("etag"), etag);
  const certificates = ((await second.json()) as typeof body).dcc.certificates;
  assert.ok(
    certificates.some(
      (entry) =>
        new X509Certificate(Buffer.from((entry as unknown as { rawData: string }).rawData, "base64")).fingerprint256 ===
        dsc.certificate.fingerprint256,
    ),
  );
});

test("a broken trust list or rule set keeps the one in force (logged and counted by place only)", async () => {
  cpSync(trustList, join(dir, "trust-list.good.json"));
  const refused = verifier.nextLog((line) => line["event"] === "verifier-source-refused" && line["source"] === "DCC_TRUST_LIST");
  writeFileSync(join(dir, "broken.json"), '[{"kid": 1}');
  renameSync(join(dir, "broken.json"), trustList);
  await refused;
  const rulesRefused = verifier.nextLog((line) => line["event"] === "verifier-source-refused" && line["source"] === "RULES_DIR");
  const file = join(rulesDir, "activity", "1.json");
  const set = JSON.parse(readFileSync(file, "utf8")) as { rules: { tests: { expected: boolean }[] }[] };
  set.rules[0]!.tests[0]!.expected = !set.rules[0]!.tests[0]!.expected; // a failing rule test: the set is broken
  writeFileSync(file, JSON.stringify(set));
  await rulesRefused;
  const still = await postVerification(verifier.url, { barcode: SPECIMEN.raw, ...at2021 }, auth(VERIFY_KEY));
  assert.equal(still.json["decision"], "valid");
  const metrics = await (await fetch(`${verifier.opsUrl}/metrics`)).text();
  assert.match(metrics, /dcc_verifier_reloads_total\{source="DCC_TRUST_LIST",result="failed"\} 1/);
  assert.match(metrics, /dcc_verifier_reloads_total\{source="RULES_DIR",result="failed"\} 1/);
});

// Regression: the verifier's trust lists were read with readFile, so a FIFO at the path blocked every later reload.
test("a FIFO as DCC_TRUST_LIST is refused as not-regular (logged, counted) and a good list written after it takes effect", async () => {
  const good = readFileSync(join(dir, "trust-list.good.json"), "utf8");
  const refused = verifier.nextLog((line) => line["event"] === "verifier-source-refused" && line["reason"] === "not-regular");
  rmSync(trustList);
  assert.equal(spawnSync("mkfifo", [trustList]).status, 0);
  const line = await refused;
  assert.deepEqual([line["source"], line["field"]], ["DCC_TRUST_LIST", "DCC_TRUST_LIST"]);
  const reloaded = verifier.nextLog((entry) => entry["event"] === "verifier-source-loaded" && entry["source"] === "DCC_TRUST_LIST");
  writeFileSync(join(dir, "next.json"), good);
  renameSync(join(dir, "next.json"), trustList);
  await reloaded;
  const metrics = await (await fetch(`${verifier.opsUrl}/metrics`)).text();
  assert.match(metrics, /dcc_verifier_reloads_total\{source="DCC_TRUST_LIST",result="failed"\} 2/);
  const still = await postVerification(verifier.url, { barcode: SPECIMEN.raw, ...at2021 }, auth(VERIFY_KEY));
  assert.equal(still.json["decision"], "valid");
});

test("usage log: one line per verification with time, decision, reason, channel and proof type only; metrics alike", async () => {
  const before = verifier.logs.length;
  await postVerification(
    verifier.url,
    { barcode: SPECIMEN.raw, validationTime: "2021-04-02T12:00:00Z", ruleSet: "activity" },
    auth(VERIFY_KEY),
  );
  const usage = verifier.logs
    .slice(before)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line["event"] === "verification");
  assert.equal(usage.length, 1);
  const { level: _level, time, service: _service, msg: _msg, ...fields } = usage[0]!;
  assert.equal(typeof time, "number");
  assert.deepEqual(fields, {
    event: "verification",
    decision: "undetermined",
    reason: "rules-in-force",
    channel: "border-app",
    proofType: "2d-doc:vaccination",
  });
  const all = verifier.logs.join("\n");
  for (const [di, value] of Object.entries(SPECIMEN.fields)) assert.ok(!all.includes(value), `${di} in the logs`);
  for (const forbidden of ["1952-08-04", "DC04", "HC1:", "URN:UVCI"]) assert.ok(!all.includes(forbidden), forbidden);
  const metrics = await (await fetch(`${verifier.opsUrl}/metrics`)).text();
  assert.match(metrics, /dcc_verifications_total\{decision="valid",reason="none",format="2d-doc",channel="border-app"\} [1-9]/);
  assert.ok(!metrics.includes("AZAY") && !metrics.includes("1952"));
});

test("readiness: ready with the rule sets loaded; the public port has no /readyz", async () => {
  const ready = await fetch(`${verifier.opsUrl}/readyz`);
  assert.deepEqual([ready.status, ((await ready.json()) as { ruleSets: string[] }).ruleSets], [200, ["activity", "travel-FR"]]);
  assert.equal((await fetch(`${verifier.url}/readyz`)).status, 404);
});

test("production refuses validationTime (400) and starts only with API_KEYS_FILE and DCC_TRUST_LIST", async () => {
  const { loadVerifierConfig } = await import("../../src/verifier/config.js");
  assert.throws(() => loadVerifierConfig({ NODE_ENV: "production", DCC_TRUST_LIST: trustList }), { field: "API_KEYS_FILE" });
  assert.throws(() => loadVerifierConfig({ NODE_ENV: "production", API_KEYS_FILE: keysFile }), { field: "DCC_TRUST_LIST" });
  const production = await startTestVerifier({
    NODE_ENV: "production",
    API_KEYS_FILE: keysFile,
    DCC_TRUST_LIST: join(dir, "production.json"),
  }).catch((e: unknown) => e);
  assert.equal((production as { field?: string }).field, "DCC_TRUST_LIST", "a missing file stops the start");
  writeFileSync(join(dir, "production.json"), JSON.stringify([trustListEntry(dsc.certificate)]));
  const service = await startTestVerifier({
    NODE_ENV: "production",
    API_KEYS_FILE: keysFile,
    DCC_TRUST_LIST: join(dir, "production.json"),
  });
  try {
    const refused = await postVerification(service.url, { barcode: SPECIMEN.raw, ...at2021 }, auth(VERIFY_KEY));
    assert.deepEqual([refused.status, refused.json["code"]], [400, "ERR_VALIDATION_TIME"]);
    assert.equal((await postVerification(service.url, { barcode: SPECIMEN.raw }, auth(VERIFY_KEY))).status, 200);
  } finally {
    await service.close();
  }
});

test("GET /openapi.json and /docs describe the verifier's own routes", async () => {
  const document = (await (await fetch(`${verifier.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
  assert.deepEqual(Object.keys(document.paths).sort(), ["/docs", "/healthz", "/openapi.json", "/v1/verifications", "/v1/verifier/trust"]);
  const html = await (await fetch(`${verifier.url}/docs`)).text();
  assert.ok(html.includes("<code>/v1/verifications</code>"));
});
