// POST /v1/revocations with an upload signer: every gateway batch comes with its CMS SignedData, which
// `openssl cms -verify` accepts against the upload CA, and whose content, parsed, is exactly the `batch` of the
// answer. 2,500 UVCIs → batches of 1,000/1,000/500 per hash type. Real HTTP, the real key vault on SoftHSM for
// the rest of the service; the upload key is a node:crypto key of the test (the HSM upload key is wired separately).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { Writable } from "node:stream";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { buildServiceDeps, type ServiceDeps } from "../../src/deps.js";
import { createLogger } from "../../src/logging.js";
import { createMetrics } from "../../src/metrics.js";
import { randomUvci } from "../../src/dcc/uvci.js";
import { makeUploadPki, sha256 } from "../support/upload-pki.js";

const dir = mkdtempSync(join(tmpdir(), "revocation-cms-it-"));
const pki = makeUploadPki("ec");
writeFileSync(join(dir, "ca.pem"), pki.caPem);

interface Answer { entries: Array<{ uvci?: string }>; batches: Array<{ hashType: string; batch: { hashType: string; entries: Array<{ hash: string }> }; cms?: string }> }

describe("POST /v1/revocations with an upload signer", () => {
  let deps: ServiceDeps;
  let server: Server;
  let url = "";
  before(async () => {
    const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", CONVERSION_WORKERS: "0" });
    deps = await buildServiceDeps(config);
    const app = createApp({ config, logger: createLogger("info", new Writable({ write: (_c, _e, done) => done() })), metrics: createMetrics(), ...deps, uploadSigner: pki.signer, stopping: new AbortController().signal });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await deps.preparer.close();
    await deps.conversion.vault.close();
  });

  test("2,500 UVCIs: six signed batches; each CMS verifies and carries exactly the batch of the answer", async () => {
    const uvcis = Array.from({ length: 2_500 }, () => randomUvci());
    const response = await fetch(`${url}/v1/revocations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ uvcis }) });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as Answer;
    assert.deepEqual(answer.batches.map((b) => [b.hashType, b.batch.entries.length]),
      [["UCI", 1000], ["UCI", 1000], ["UCI", 500], ["COUNTRYCODEUCI", 1000], ["COUNTRYCODEUCI", 1000], ["COUNTRYCODEUCI", 500]]);
    assert.equal(answer.batches[4]!.batch.entries[0]!.hash, sha256(`FR${uvcis[1000]!}`).subarray(0, 16).toString("base64"));
    for (const [k, batch] of answer.batches.entries()) {
      const file = join(dir, `batch-${k}.cms`);
      writeFileSync(file, Buffer.from(batch.cms!, "base64"));
      const run = spawnSync("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", file, "-CAfile", join(dir, "ca.pem"), "-out", `${file}.json`]);
      assert.equal(run.status, 0, run.stderr.toString());
      assert.deepEqual(JSON.parse(readFileSync(`${file}.json`, "utf8")), batch.batch, "the answer's batch is the signed content, parsed");
    }
  });
});
