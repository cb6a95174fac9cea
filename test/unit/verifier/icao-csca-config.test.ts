// ICAO_CSCA in the verifier's configuration (docs/verification.md, "Trust and rules, reloaded"): the converter's
// variable, read by the same reader; outside production the development token's CSCA when there is one, none in
// production unless set; a file that is not a PEM certificate bundle stops the start naming ICAO_CSCA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../src/config.js";
import { loadVerifierConfig } from "../../../src/verifier/config.js";
import { closeSources, openSources } from "../../../src/verifier/sources.js";
import { makeSealPki } from "../../support/seal-pki.js";

const dir = mkdtempSync(join(tmpdir(), "verifier-icao-"));
const devDir = mkdtempSync(join(tmpdir(), "verifier-icao-dev-"));
const csca = makeSealPki().csca;
writeFileSync(join(dir, "csca.pem"), csca.toString());
writeFileSync(join(dir, "broken.pem"), "not a certificate\n");
writeFileSync(join(dir, "keys.json"), "[]");
writeFileSync(join(dir, "trust.json"), "[]");
const production = { NODE_ENV: "production", API_KEYS_FILE: join(dir, "keys.json"), DCC_TRUST_LIST: join(dir, "trust.json") };

test("ICAO_CSCA is read as set; a missing file stops the start naming it", () => {
  assert.equal(loadVerifierConfig({ ICAO_CSCA: join(dir, "csca.pem"), DCC_DEV_DIR: devDir }).icaoCscaFile, join(dir, "csca.pem"));
  assert.throws(() => loadVerifierConfig({ ICAO_CSCA: join(dir, "absent.pem"), DCC_DEV_DIR: devDir }), { field: "ICAO_CSCA" });
});

test("unset: the development token's CSCA outside production when hsm init made it; none in production", () => {
  assert.equal(loadVerifierConfig({ DCC_DEV_DIR: devDir }).icaoCscaFile, undefined);
  writeFileSync(join(devDir, "icao-csca.pem"), csca.toString());
  assert.equal(loadVerifierConfig({ DCC_DEV_DIR: devDir }).icaoCscaFile, join(devDir, "icao-csca.pem"));
  assert.equal(loadVerifierConfig({ ...production, DCC_DEV_DIR: devDir }).icaoCscaFile, undefined);
});

test("a file without a certificate stops the start naming ICAO_CSCA; a good one is the CSCA in force", async () => {
  const base = {
    trustBundleFile: undefined,
    dccTrustList: { kind: "gateway" as const, file: join(dir, "trust.json") },
    rulesDir: join(PROJECT_ROOT, "rules"),
  };
  await assert.rejects(openSources({ ...base, icaoCscaFile: join(dir, "broken.pem") }), { field: "ICAO_CSCA" });
  const sources = await openSources({ ...base, icaoCscaFile: join(dir, "csca.pem") });
  try {
    assert.deepEqual(
      sources.icaoTrust.current().cscas.map((c) => c.fingerprint256),
      [csca.fingerprint256],
    );
  } finally {
    closeSources(sources);
  }
});
