// Signed revocation batches on the real service with the development token's upload signer (REVOCATION_UPLOAD_SIGNER
// left unset: the development default, docs/revocation.md): every gateway batch of POST /v1/revocations comes with
// its CMS SignedData, signed in SoftHSM with the upload key; `openssl cms -verify` accepts it alone and against the
// development CSCA, and its content is byte for byte the JSON of the answer's `batch`. 2,500 UVCIs → batches of
// 1,000/1,000/500 per hash type. An upload key that is not its certificate's stops the start, naming the variable.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { developmentDir, loadConfig } from "../../src/config.js";
import { buildServiceDeps } from "../../src/deps.js";
import { randomUvci } from "../../src/dcc/uvci.js";
import { hashApiKey } from "../../src/http/auth.js";
import { startTestService, type TestService } from "../support/service.js";
import { sha256 } from "../support/upload-pki.js";

const dir = mkdtempSync(join(tmpdir(), "revocation-cms-it-"));
const devDir = developmentDir();
const revokeKey = randomBytes(24).toString("hex");

/** `openssl cms -verify` of a DER CMS: exit status, the content it printed, and stderr for the failure message. */
function opensslVerify(file: string, extra: readonly string[]): { status: number | null; content: Buffer; stderr: string } {
  const run = spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", file, ...extra], { encoding: "buffer" });
  return { status: run.status, content: run.stdout, stderr: run.stderr.toString("utf8") };
}

interface Answer {
  batches: Array<{ hashType: string; batch: { hashType: string; entries: Array<{ hash: string }> }; cms?: string }>;
}

describe("POST /v1/revocations with the development token's upload signer", () => {
  let service: TestService;
  before(async () => {
    writeFileSync(join(dir, "api-keys.json"), JSON.stringify([{ name: "fraud-desk", keyHash: hashApiKey(revokeKey), scopes: ["revoke"] }]));
    service = await startTestService({ API_KEYS_FILE: join(dir, "api-keys.json"), CONVERSION_WORKERS: "0" });
  });
  after(() => service.close());

  test("2,500 UVCIs: six batches, each with a CMS from the HSM that verifies and carries exactly the answer's batch", async () => {
    const uvcis = Array.from({ length: 2_500 }, () => randomUvci());
    const response = await fetch(`${service.url}/v1/revocations`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${revokeKey}` },
      body: JSON.stringify({ uvcis }),
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as Answer;
    assert.deepEqual(
      answer.batches.map((b) => [b.hashType, b.batch.entries.length]),
      [
        ["UCI", 1000],
        ["UCI", 1000],
        ["UCI", 500],
        ["COUNTRYCODEUCI", 1000],
        ["COUNTRYCODEUCI", 1000],
        ["COUNTRYCODEUCI", 500],
      ],
    );
    assert.equal(answer.batches[4]!.batch.entries[0]!.hash, sha256(`FR${uvcis[1000]!}`).subarray(0, 16).toString("base64"));
    const uploadCertificate = readFileSync(join(devDir, "upload.pem"));
    for (const [k, batch] of answer.batches.entries()) {
      assert.equal(typeof batch.cms, "string", `batch ${k} is signed`);
      const file = join(dir, `batch-${k}.cms`);
      writeFileSync(file, Buffer.from(batch.cms!, "base64"));
      const alone = opensslVerify(file, ["-noverify"]);
      assert.equal(alone.status, 0, alone.stderr);
      assert.deepEqual(alone.content, Buffer.from(JSON.stringify(batch.batch), "utf8"), "the CMS content is exactly the batch JSON");
      const chained = opensslVerify(file, ["-CAfile", join(devDir, "csca.pem"), "-purpose", "any"]);
      assert.equal(chained.status, 0, chained.stderr);
      assert.deepEqual(chained.content, alone.content);
      // The signer is the development NB_UP certificate, not a DSC.
      const signer = join(dir, `signer-${k}.pem`);
      assert.equal(opensslVerify(file, ["-noverify", "-signer", signer]).status, 0);
      assert.equal(readFileSync(signer, "utf8").trim(), uploadCertificate.toString("utf8").trim());
    }
  });
});

test("REVOCATION_UPLOAD_SIGNER whose key is not its certificate's: the start stops with ERR_HSM_KEY naming the variable", async () => {
  const signerFile = (key: string) => {
    const path = join(dir, `upload-signer-${randomBytes(4).toString("hex")}.json`);
    writeFileSync(path, JSON.stringify({ certificate: join(devDir, "upload.pem"), key }));
    return path;
  };
  for (const key of ["pkcs11:token=dcc-dev;object=dsc-test;type=private", "pkcs11:token=dcc-dev;object=no-such-key;type=private"]) {
    const config = loadConfig({ ...process.env, CONVERSION_WORKERS: "0", REVOCATION_UPLOAD_SIGNER: signerFile(key) });
    await assert.rejects(buildServiceDeps(config), { code: "ERR_HSM_KEY", field: "REVOCATION_UPLOAD_SIGNER" }, key);
  }
  const notAToken = loadConfig({
    ...process.env,
    CONVERSION_WORKERS: "0",
    REVOCATION_UPLOAD_SIGNER: signerFile("pkcs11:token=elsewhere;object=upload;type=private"),
  });
  await assert.rejects(buildServiceDeps(notAToken), { code: "ERR_CONFIG", field: "REVOCATION_UPLOAD_SIGNER" });
});
