// EU gateway batches and their CMS SignedData: 2,500 certificates → batches of 1,000/1,000/500 per hash type,
// the batch format, and a CMS that `openssl cms -verify` accepts (alone and against the test CA) whose content is
// byte for byte the batch JSON; EC and RSA upload keys; a changed byte fails verification.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUvci } from "../../../src/dcc/uvci.js";
import { entryFor } from "../../../src/revocation/revoke-items.js";
import { batchesJson, batchesOf } from "../../../src/revocation/revocation-report.js";
import { DEFAULT_VALIDITY } from "../../../src/dcc/cwt.js";
import { makeUploadPki, sha256 } from "../../support/upload-pki.js";

const NOW = new Date("2026-12-01T10:00:00.000Z");
const dir = mkdtempSync(join(tmpdir(), "revocation-cms-"));

function entries(count: number) {
  return Array.from({ length: count }, (_, index) => entryFor({ source: "uvci", index, input: "" }, randomUvci()));
}

function opensslVerify(cms: Buffer, extra: string[]): { status: number | null; content: Buffer } {
  const input = join(dir, `in-${Math.random()}.cms`);
  const output = `${input}.out`;
  writeFileSync(input, cms);
  const run = spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", input, "-out", output, ...extra], {
    encoding: "buffer",
  });
  return { status: run.status, content: run.status === 0 ? readFileSync(output) : Buffer.alloc(0) };
}

test("2,500 certificates: batches of 1,000/1,000/500 for UCI then COUNTRYCODEUCI, in the gateway's format", async () => {
  const list = entries(2_500);
  const batches = await batchesOf(list, { now: NOW, validity: DEFAULT_VALIDITY, signer: undefined });
  assert.deepEqual(
    batches.map((b) => [b.hashType, (JSON.parse(b.json.toString()) as { entries: unknown[] }).entries.length]),
    [
      ["UCI", 1000],
      ["UCI", 1000],
      ["UCI", 500],
      ["COUNTRYCODEUCI", 1000],
      ["COUNTRYCODEUCI", 1000],
      ["COUNTRYCODEUCI", 500],
    ],
  );
  const first = JSON.parse(batches[0]!.json.toString()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(first), ["country", "expires", "kid", "hashType", "entries"]);
  assert.equal(first["country"], "FR");
  assert.equal(first["kid"], "UNKNOWN_KID");
  assert.equal(first["hashType"], "UCI");
  // Independent computation: the first 16 bytes of SHA-256 of the UVCI, base64.
  assert.deepEqual((first["entries"] as { hash: string }[])[0], { hash: sha256(list[0]!.uvci).subarray(0, 16).toString("base64") });
  const ccuci = JSON.parse(batches[3]!.json.toString()) as { entries: { hash: string }[] };
  assert.equal(ccuci.entries[0]!.hash, sha256(`FR${list[0]!.uvci}`).subarray(0, 16).toString("base64"));
  const expires = Date.parse(first["expires"] as string);
  assert.ok(expires >= NOW.getTime() + DEFAULT_VALIDITY.v * 1000, "after the last possible exp (now + the longest validity)");
  assert.equal(
    batchesJson(batches).every((b) => !("cms" in (b as object))),
    true,
    "no cms without a signer",
  );
});

test("the same certificate twice gives one hash per batch; no revoked entry gives no batch", async () => {
  const [one] = entries(1);
  const batches = await batchesOf([one!, { ...one!, index: 1 }], { now: NOW, validity: DEFAULT_VALIDITY, signer: undefined });
  assert.deepEqual(
    batches.map((b) => (JSON.parse(b.json.toString()) as { entries: unknown[] }).entries.length),
    [1, 1],
  );
  assert.deepEqual(
    await batchesOf([{ index: 0, source: "uvci", error: { code: "ERR_UVCI_SYNTAX", status: 400 } }], {
      now: NOW,
      validity: DEFAULT_VALIDITY,
      signer: undefined,
    }),
    [],
  );
});

for (const keyType of ["ec", "rsa"] as const) {
  test(`CMS (${keyType} upload key): openssl cms -verify accepts it, alone and with the test CA; its content is the batch JSON`, async () => {
    const pki = makeUploadPki(keyType);
    const caFile = join(dir, `ca-${keyType}.pem`);
    writeFileSync(caFile, pki.caPem);
    const [batch] = await batchesOf(entries(3), { now: NOW, validity: DEFAULT_VALIDITY, signer: pki.signer });
    const cms = batch!.cms!;
    const alone = opensslVerify(cms, ["-noverify"]);
    assert.equal(alone.status, 0);
    assert.ok(alone.content.equals(batch!.json), "the content is exactly the batch bytes");
    const chained = opensslVerify(cms, ["-CAfile", caFile]);
    assert.equal(chained.status, 0);
    assert.ok(chained.content.equals(batch!.json));
    const tampered = Buffer.from(cms);
    const at = tampered.indexOf(Buffer.from('"country"'));
    tampered[at + 1] = "C".charCodeAt(0);
    assert.notEqual(opensslVerify(tampered, ["-noverify"]).status, 0, "a changed content byte fails verification");
  });
}

test("the signed attributes: content-type id-data, message-digest of the batch, signing-time", async () => {
  const pki = makeUploadPki("ec");
  const [batch] = await batchesOf(entries(1), { now: NOW, validity: DEFAULT_VALIDITY, signer: pki.signer });
  const file = join(dir, "attrs.cms");
  writeFileSync(file, batch!.cms!);
  const printed = execFileSync("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", file], { encoding: "utf8" });
  assert.match(printed, /contentType[\s\S]*pkcs7-data/);
  assert.match(printed, /messageDigest/);
  const firstBytes = [...sha256(batch!.json).subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  assert.ok(printed.toLowerCase().includes(firstBytes), "message-digest = SHA-256 of the batch");
  assert.match(printed, /signingTime[\s\S]*Dec {2}1 10:00:00 2026 GMT/);
  assert.match(printed, /ecdsa-with-SHA256/);
});
