// Revocation end to end (docs/revocation.md) on the real service — SoftHSM token, HTTP on an ephemeral port,
// self-signed 2D-DOC fixtures and a trust bundle made by the test: convert a document, revoke it through
// POST /v1/revocations (by document and by UVCI), roll the REVOCATION_LIST the way Kubernetes does (the `..data`
// symlink swap) and in place, and see the same document refused with ERR_REVOKED in every accepted encoding and
// through every endpoint, while another document still converts; a broken list keeps the one in force.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashApiKey } from "../../src/http/auth.js";
import { randomUvci } from "../../src/dcc/uvci.js";
import { startTestService, type TestService } from "../support/service.js";
import { euHash, revocationSpecimens } from "../support/revocation-specimens.js";
import { encodings } from "../support/samples.js";
import { convertV1, convertV2, fetchServerKeys } from "../support/tac-client.js";
import { sha256 } from "../support/upload-pki.js";

const dir = mkdtempSync(join(tmpdir(), "revocation-it-"));
const { signer, zoneA, docA, docB } = revocationSpecimens();
const convertKey = randomBytes(24).toString("hex");
const revokeKey = randomBytes(24).toString("hex");

// The ConfigMap volume layout: revocation-list.txt → ..data/revocation-list.txt, ..data → ..<version>.
const volume = join(dir, "volume");
const listPath = join(volume, "revocation-list.txt");
let version = 0;
function rollConfigMap(text: string): void {
  version += 1;
  const target = join(volume, `..v${version}`);
  mkdirSync(target);
  writeFileSync(join(target, "revocation-list.txt"), text);
  symlinkSync(`..v${version}`, join(volume, "..data_tmp"));
  renameSync(join(volume, "..data_tmp"), join(volume, "..data"));
}

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  // docs/revocation.md's bound: a changed list is in force within 5 seconds.
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${what}: not within 5 s`);
}

interface Entry {
  index: number;
  source: string;
  uvci?: string;
  hashes?: Record<string, string>;
  listLines?: string[];
  error?: { code: string; status: number };
}
interface RevocationAnswer {
  entries: Entry[];
  batches: Array<{
    hashType: string;
    batch: { country: string; expires: string; kid: string; hashType: string; entries: Array<{ hash: string }> };
    cms?: string;
  }>;
}

describe("revocation on the real service", () => {
  let service: TestService;
  const post = (path: string, body: unknown, key = convertKey) =>
    fetch(`${service.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
  const convert = async (document: string) => {
    const response = await post("/v1/conversions", { document });
    return { status: response.status, body: (await response.json()) as { uvci?: string; code?: string } };
  };
  const metric = async (name: string) => {
    const text = await (await fetch(`${service.opsUrl}/metrics`)).text();
    return Number(
      /^\S+ (\S+)$/m.exec(
        text
          .split("\n")
          .filter((line) => line.startsWith(name))
          .join("\n"),
      )?.[1] ?? "0",
    );
  };
  let uvciA = "";
  let answer: RevocationAnswer;

  before(async () => {
    mkdirSync(volume);
    rollConfigMap("# nothing revoked yet\n# end 0\n");
    symlinkSync("..data/revocation-list.txt", listPath);
    writeFileSync(join(dir, "trust.pem"), signer.pem);
    writeFileSync(
      join(dir, "api-keys.json"),
      JSON.stringify([
        { name: "converter", keyHash: hashApiKey(convertKey), scopes: ["convert", "batch", "issue"] },
        { name: "fraud-desk", keyHash: hashApiKey(revokeKey), scopes: ["revoke"] },
      ]),
    );
    service = await startTestService({
      TWODDOC_TRUST_BUNDLE: join(dir, "trust.pem"),
      REVOCATION_LIST: listPath,
      API_KEYS_FILE: join(dir, "api-keys.json"),
      TAC_RATE_LIMIT_PER_MINUTE: "10000",
      CONVERSION_WORKERS: "1",
    });
  });
  after(() => service.close());

  test("a document converts; POST /v1/revocations gives its UVCI, hashes, list lines and gateway batches", async () => {
    const converted = await convert(docA);
    assert.equal(converted.status, 200);
    uvciA = converted.body.uvci!;
    const response = await post(
      "/v1/revocations",
      { documents: [docA, "DC04NOT-A-DOCUMENT"], uvcis: [uvciA, "URN:UVCI:01:FR:ABC#Q", "not a uvci", "URN:UVCI:01:DE:ABCDEF#5"] },
      revokeKey,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    answer = (await response.json()) as RevocationAnswer;
    const hashes = { UCI: euHash(uvciA), COUNTRYCODEUCI: euHash(`FR${uvciA}`) };
    const documentLine = `2DDOC:${sha256(Buffer.from(zoneA, "latin1")).toString("hex")}`;
    assert.deepEqual(answer.entries, [
      {
        index: 0,
        source: "document",
        uvci: uvciA,
        hashes,
        listLines: [`UCI:${hashes.UCI}`, `COUNTRYCODEUCI:${hashes.COUNTRYCODEUCI}`, documentLine],
      },
      { index: 1, source: "document", error: { code: "ERR_2DDOC_HEADER", status: 400 } },
      { index: 0, source: "uvci", uvci: uvciA, hashes, listLines: [`UCI:${hashes.UCI}`, `COUNTRYCODEUCI:${hashes.COUNTRYCODEUCI}`] },
      { index: 1, source: "uvci", error: { code: "ERR_UVCI_CHECKSUM", status: 400 } },
      { index: 2, source: "uvci", error: { code: "ERR_UVCI_SYNTAX", status: 400 } },
      { index: 3, source: "uvci", error: { code: "ERR_UVCI_NOT_FRENCH", status: 422 } },
    ]);
    assert.deepEqual(
      answer.batches.map((b) => [b.hashType, b.batch.hashType, b.batch.country, b.batch.kid, b.batch.entries]),
      [
        ["UCI", "UCI", "FR", "UNKNOWN_KID", [{ hash: hashes.UCI }]],
        ["COUNTRYCODEUCI", "COUNTRYCODEUCI", "FR", "UNKNOWN_KID", [{ hash: hashes.COUNTRYCODEUCI }]],
      ],
    );
    assert.ok(Date.parse(answer.batches[0]!.batch.expires) > Date.now() + 365 * 86_400_000);
    // REVOCATION_UPLOAD_SIGNER unset: the development token's upload signer (revocation-cms.test.ts verifies the CMS).
    assert.equal(
      answer.batches.every((b) => typeof b.cms === "string"),
      true,
      "signed by the development upload signer",
    );
  });

  test("POST /v1/revocations: scope revoke, more than 10,000 items is 413, a malformed body is 400", async () => {
    const unscoped = await post("/v1/revocations", { uvcis: [uvciA] }, convertKey);
    assert.equal(unscoped.status, 403);
    assert.equal(((await unscoped.json()) as { code: string }).code, "ERR_AUTH_SCOPE");
    const tooMany = await post("/v1/revocations", { uvcis: Array.from({ length: 10_001 }, () => uvciA) }, revokeKey);
    assert.equal(tooMany.status, 413);
    assert.equal(((await tooMany.json()) as { code: string }).code, "ERR_REQUEST_TOO_LARGE");
    for (const body of [{}, { documents: "x" }, { uvcis: [1] }, []]) {
      const response = await post("/v1/revocations", body, revokeKey);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(((await response.json()) as { code: string }).code, "ERR_REQUEST_MALFORMED");
    }
    assert.equal((await post("/v1/revocations", { uvcis: Array.from({ length: 10_000 }, () => randomUvci()) }, revokeKey)).status, 200);
  });

  // Regression: a UVCI in another case was "revoked" with hashes over other bytes, which matched no DCC.
  test("a UVCI in any case but upper case is ERR_UVCI_SYNTAX per item, and gives no list line", async () => {
    const [head, check] = uvciA.split("#") as [string, string];
    const variants = [
      uvciA.toLowerCase(),
      `${head.slice(0, 15)}${head.slice(15).toLowerCase()}#${check.toLowerCase()}`,
      `urn:uvci:01:fr:${head.slice(15)}#${check}`,
    ];
    const response = await post("/v1/revocations", { uvcis: [...variants, uvciA] }, revokeKey);
    assert.equal(response.status, 200);
    const { entries, batches } = (await response.json()) as RevocationAnswer;
    assert.deepEqual(
      entries.slice(0, 3),
      variants.map((_, index) => ({ index, source: "uvci", error: { code: "ERR_UVCI_SYNTAX", status: 400 } })),
    );
    assert.equal(entries[3]!.uvci, uvciA, "the upper-case UVCI is revoked");
    assert.deepEqual(
      batches.map((b) => b.batch.entries.length),
      [1, 1],
      "only the upper-case UVCI's hashes",
    );
  });

  for (const kind of ["2DDOC", "UCI", "COUNTRYCODEUCI"] as const) {
    test(`revoked by its ${kind} line (ConfigMap symlink swap): refused everywhere within 5 s, another document still converts`, async () => {
      const line = answer.entries[0]!.listLines!.find((l) => l.startsWith(`${kind}:`))!;
      rollConfigMap("# end 0\n");
      await eventually("not refused with an empty list", async () => (await convert(docA)).status === 200);
      const refusalsBefore = await metric('dcc_revoked_refusals_total{channel="api"}');
      rollConfigMap(`# fraud case\n${line}\n# end 1\n`);
      await eventually("refused after the swap", async () => (await convert(docA)).status === 422);
      assert.ok((await metric('dcc_revoked_refusals_total{channel="api"}')) > refusalsBefore);
      assert.equal(await metric('dcc_revocation_list_entries{hash_type="' + kind + '"}'), 1);
      await assertRefusedEverywhere();
      const other = await convert(docB);
      assert.equal(other.status, 200);
      assert.notEqual(other.body.uvci, uvciA);
    });
  }

  async function assertRefusedEverywhere(): Promise<void> {
    for (const [name, form] of Object.entries(encodings(docA))) {
      const refused = await convert(form);
      assert.equal(refused.status, 422, name);
      assert.equal(refused.body.code, "ERR_REVOKED", name);
    }
    const batch = await fetch(`${service.url}/v1/conversions/batch`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", authorization: `Bearer ${convertKey}` },
      body: [docA, encodings(docA)["tokens"]!, docB].map((document, k) => JSON.stringify({ id: `n${k}`, document })).join("\n"),
    });
    const lines = (await batch.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { line: number; error?: unknown; uvci?: string });
    assert.deepEqual(lines.slice(0, 2), [
      { line: 1, id: "n0", error: { code: "ERR_REVOKED", status: 422 } },
      { line: 2, id: "n1", error: { code: "ERR_REVOKED", status: 422 } },
    ]);
    assert.ok(lines[2]!.uvci !== undefined, "the other document converts in the same batch");
    const v1 = await convertV1(service.url, encodings(docA)["percent"]!);
    assert.equal(v1.status, 422);
    assert.equal((JSON.parse(v1.text) as { codeError: string }).codeError, "REVOKED_CERTIFICATE");
    const [alias, serverSpki] = Object.entries(await fetchServerKeys(service.url))[0]!;
    const v2 = await convertV2(service.url, docA, { alias, serverSpki });
    assert.equal(v2.status, 422);
    assert.equal((JSON.parse(v2.text) as { codeError: string }).codeError, "REVOKED_CERTIFICATE");
    assert.equal((await convertV2(service.url, docB, { alias, serverSpki })).status, 200);
  }

  test("a list rewritten in place behind the symlink is re-read too", async () => {
    writeFileSync(join(volume, `..v${version}`, "revocation-list.txt"), "# case closed\n# end 0\n");
    await eventually("converts again", async () => (await convert(docA)).status === 200);
  });

  test("a broken list keeps the list in force, is counted, and is logged by line number only", async () => {
    rollConfigMap(`${answer.entries[0]!.listLines!.join("\n")}\n# end 3\n`);
    await eventually("refused", async () => (await convert(docA)).status === 422);
    const failedBefore = await metric('dcc_revocation_list_reloads_total{result="failed"}');
    rollConfigMap(`${answer.entries[0]!.listLines![0]}\nUCI:not-a-hash\n# end 2\n`);
    await eventually(
      "counted as failed",
      async () => (await metric('dcc_revocation_list_reloads_total{result="failed"}')) === failedBefore + 1,
    );
    assert.equal((await convert(docA)).status, 422, "the previous list stays in force");
    assert.equal(await metric('dcc_revocation_list_entries{hash_type="2DDOC"}'), 1);
    const refusal = service.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l["event"] === "revocation-list-refused");
    assert.equal(refusal?.["field"], "REVOCATION_LIST line 2");
  });

  // Regression: `: > list`, `cp`, `cat >` or `sort -o` empty the file first, and a reload caught then (or a write cut
  // at a line end) un-revoked everything, logged as a successful load. Without its `# end <N>` line it does not parse.
  test("an emptied list, or one cut at a line end, keeps the revoked document refused", async () => {
    const lines = answer.entries[0]!.listLines!;
    const inPlace = join(volume, `..v${version}`, "revocation-list.txt");
    writeFileSync(inPlace, `${lines.join("\n")}\n# end 3\n`);
    await eventually("refused", async () => (await convert(docA)).status === 422);
    for (const text of ["", `# fraud cases\n`, `${lines[0]}\n`, `${lines.slice(0, 2).join("\n")}\n`]) {
      const failedBefore = await metric('dcc_revocation_list_reloads_total{result="failed"}');
      writeFileSync(inPlace, text); // what `: > list` or `cat > list` leave while they write, or a write cut short
      await eventually(
        "counted as failed",
        async () => (await metric('dcc_revocation_list_reloads_total{result="failed"}')) > failedBefore,
      );
      const refused = await convert(docA);
      assert.deepEqual([refused.status, refused.body.code], [422, "ERR_REVOKED"], JSON.stringify(text.slice(0, 8)));
    }
    const refusals = service.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l["event"] === "revocation-list-refused");
    assert.deepEqual(refusals.at(-1), { ...refusals.at(-1), field: "REVOCATION_LIST end", reason: "invalid" });
  });

  // Regression: a FIFO (or a hung mount) at the path made the reload wait forever, and later changes were ignored.
  test("a FIFO at the path is refused as not-regular at once, and a good list written after it takes effect", async () => {
    const lines = answer.entries[0]!.listLines!;
    rollConfigMap("# end 0\n");
    await eventually("converts", async () => (await convert(docA)).status === 200);
    const fifoVersion = `..v${version + 1}`;
    version += 1;
    mkdirSync(join(volume, fifoVersion));
    assert.equal(spawnSync("mkfifo", [join(volume, fifoVersion, "revocation-list.txt")]).status, 0);
    symlinkSync(fifoVersion, join(volume, "..data_tmp"));
    renameSync(join(volume, "..data_tmp"), join(volume, "..data"));
    const notRegular = () => service.logs.filter((l) => l.includes('"reason":"not-regular"')).length;
    await eventually("refused as not-regular", async () => notRegular() > 0);
    rollConfigMap(`${lines.join("\n")}\n# end 3\n`);
    await eventually("the later list takes effect", async () => (await convert(docA)).status === 422);
  });

  test("no UVCI, hash, document or name in any log line or metric", async () => {
    const logs = service.logs.join("\n");
    const metrics = await (await fetch(`${service.opsUrl}/metrics`)).text();
    assert.ok(logs.length > 0 && metrics.includes("dcc_revocation_list_reloads_total"));
    const secrets = [
      uvciA,
      uvciA.slice(15, 31),
      euHash(uvciA),
      euHash(`FR${uvciA}`),
      sha256(Buffer.from(zoneA, "latin1")).toString("hex"),
      "MARIE",
      "CLAUDE",
      "SPECIMEN",
      docA.slice(0, 30),
      "URN:UVCI:01:FR:ABC#Q",
      "URN:UVCI:01:DE:ABCDEF#5",
    ];
    for (const secret of secrets) {
      assert.ok(!logs.includes(secret), `a log line holds ${secret.slice(0, 6)}…`);
      assert.ok(!metrics.includes(secret), `a metric holds ${secret.slice(0, 6)}…`);
    }
  });
});
