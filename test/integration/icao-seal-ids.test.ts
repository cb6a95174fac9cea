// Seal ids through the real HSM (docs/international-format.md, "Identifiers"): 10,000 distinct documents give 10,000
// distinct 12-character ids, each the same when asked again, and a seal signed through the vault's barcode signer
// verifies under the development health CSCA.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keyedDocumentDigest } from "../../src/dcc/uvci.js";
import { openKeyVault, type HsmKeyVault } from "../../src/hsm/key-vault.js";
import { loadSealTrust } from "../../src/icao/seal-signers-file.js";
import { sealIdFromDigest } from "../../src/icao/seal-id.js";
import { signSeal } from "../../src/icao/sign-seal.js";
import { verifySeal } from "../../src/icao/verify-seal.js";
import { createTempToken } from "../support/temp-token.js";

const dir = mkdtempSync(join(tmpdir(), "icao-seal-ids-"));
let vault: HsmKeyVault;

before(async () => {
  const token = await createTempToken(dir);
  const trust = loadSealTrust({ signersFile: join(dir, "icao-signers.json"), cscaFile: join(dir, "icao-csca.pem") });
  vault = await openKeyVault({ ...token, sealSigners: trust.signers, softhsmConf: join(dir, "softhsm2.conf") });
});
after(async () => {
  await vault.close();
  rmSync(dir, { recursive: true, force: true });
});

const idOf = async (document: string) =>
  sealIdFromDigest(await keyedDocumentDigest((data) => vault.keyedHash(data), Buffer.from(document, "latin1")));

test("10,000 distinct documents, 10,000 distinct ids; the same document, the same id", async () => {
  // Data zones that differ in one field, as two holders' documents do (ANTS 2D-Doc L1, invented identities).
  const documents = Array.from({ length: 10_000 }, (_, i) => `DC04FR99TST91E6A1E6AL101FRL0SPECIMEN\x1dL1HOLDER${i}\x1dL201011970`);
  const ids: string[] = [];
  // In chunks below the vault's queue bound (HSM_QUEUE_MAX, default 4096).
  for (let start = 0; start < documents.length; start += 1_000) {
    ids.push(...(await Promise.all(documents.slice(start, start + 1_000).map(idOf))));
  }
  assert.equal(new Set(ids).size, 10_000);
  assert.ok(ids.every((id) => /^[0-9A-Z]{12}$/.test(id)));
  assert.deepEqual(await Promise.all(documents.slice(0, 50).map(idOf)), ids.slice(0, 50));
});

test("a seal signed through the vault's barcode signer verifies under ICAO_CSCA; the signer follows the rotation rule", async () => {
  const data = { hdr: { t: "icao.test", v: 1, is: "FRA" }, msg: { utci: "000000000001", pid: { n: "SPECIMEN", dob: "1970" } } } as const;
  const signer = vault.sealSignerFor("NT");
  const { text } = await signSeal(data as never, signer);
  const csca = new X509Certificate(readFileSync(join(dir, "icao-csca.pem")));
  assert.equal(verifySeal(text, { cscas: [csca], at: new Date() }).valid, true);
  assert.throws(() => vault.sealSignerFor("NV", new Date("2000-01-01T00:00:00Z")), { code: "ERR_DCC_NO_SIGNER" });
});
