// dgc-testdata (github.com/eu-digital-green-certificates/dgc-testdata): every official vector's JSON payload, re-issued with our encoder and the test signer,
// decodes back to the same structure and verifies (ECDSA output is verified, never compared).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { encodeDcc } from "../../src/dcc/encode.js";
import type { DccPayload } from "../../src/dcc/types.js";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { makeTestSigner } from "../support/test-signer.js";
import { vectorsDir } from "../support/vectors.js";

const root = vectorsDir("dgc-testdata re-issue");

function payloads(dir: string): [string, DccPayload][] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /2DCode\/raw\/[^/]+\.json$/i.test(file))
    .map((file) => [file, (JSON.parse(readFileSync(join(dir, file), "utf8")) as { JSON?: unknown }).JSON] as [string, unknown])
    .filter((entry): entry is [string, DccPayload] => {
      const json = entry[1] as Record<string, unknown> | undefined;
      // One certificate type per payload (what an issuer can sign); null groups (BG) and multi-type payloads are skipped.
      return typeof json === "object" && json !== null && ["v", "t", "r"].filter((type) => Array.isArray(json[type])).length === 1;
    });
}

test("official payloads re-issued with our encoder decode to the same structure and verify", { skip: root === undefined }, async () => {
  const { signer, certificate } = makeTestSigner();
  const now = new Date("2024-03-10T08:30:00Z");
  const list = payloads(join(root!, "dcc/dgc-testdata"));
  assert.ok(list.length > 500, `${list.length} payloads`);
  for (const [file, payload] of list) {
    const encoded = await encodeDcc({ payload, signer, now });
    const report = verifyHc1(encoded.hc1, { certificates: [certificate], at: now });
    for (const stage of ["prefix", "base45", "zlib", "cose", "signature", "claims", "expiration"] as const) {
      assert.equal(report.stages[stage].ok, true, `${file} ${stage}`);
    }
    assert.deepEqual(report.payload, payload, file);
  }
});
