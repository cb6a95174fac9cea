// `hsm init` and the ICAO keys (docs/international-format.md, "Keys and certificates"): a development health CSCA and a
// barcode signer whose keys are made in the token (sensitive, never extractable), ICAO_SIGNERS and ICAO_CSCA files;
// a token made before them is completed, its other keys kept.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevToken } from "../../src/cli/hsm-init/create.js";
import { DEV_KEY_LABELS } from "../../src/cli/hsm-init/dev-files.js";
import { DEV_TOKEN_LABEL } from "../../src/cli/hsm-init/softhsm-conf.js";
import { findByLabel, openTokenSession, SOFTHSM_MODULE } from "../../src/cli/hsm-init/token-session.js";
import { pkcs11js } from "../../src/hsm/module.js";
import { readSignerProfile } from "../../src/icao/certificate-profile.js";

const dir = mkdtempSync(join(tmpdir(), "icao-dev-token-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const pem = (file: string) => new X509Certificate(readFileSync(join(dir, file)));
const ICAO_LABELS = [DEV_KEY_LABELS.icaoCsca, DEV_KEY_LABELS.icaoSigner];

function withToken<T>(use: (token: NonNullable<ReturnType<typeof openTokenSession>>) => T): T {
  const token = openTokenSession(SOFTHSM_MODULE, DEV_TOKEN_LABEL, readFileSync(join(dir, "pin"), "utf8").trim());
  assert.ok(token !== undefined);
  try {
    return use(token);
  } finally {
    token.close();
  }
}

test("a new token has the health CSCA, the barcode signer (NV, NT) and the files naming them", async () => {
  const report = await createDevToken(dir);
  assert.equal(report.action, "created");
  const csca = pem("icao-csca.pem");
  const signer = pem("icao-signer.pem");
  assert.equal(csca.ca, true);
  assert.equal(signer.checkIssued(csca) && signer.verify(csca.publicKey), true);
  assert.equal(signer.checkIssued(pem("csca.pem")), false, "not the DCC CSCA");
  assert.deepEqual(readSignerProfile(signer), { extendedKeyUsage: true, documentTypes: ["NV", "NT"] });
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "icao-signers.json"), "utf8")), [
    { types: ["NV", "NT"], certificate: "icao-signer.pem", key: "pkcs11:token=dcc-dev;object=icao-barcode-signer;type=private" },
  ]);
  assert.deepEqual(
    { signers: report.files?.icaoSignersPath, csca: report.files?.icaoCscaPath },
    { signers: join(dir, "icao-signers.json"), csca: join(dir, "icao-csca.pem") },
  );
  withToken((token) => {
    for (const label of ICAO_LABELS) {
      const key = findByLabel(token, pkcs11js.CKO_PRIVATE_KEY, label);
      assert.ok(key !== undefined, label);
      const flags = token.module
        .C_GetAttributeValue(token.session, key, [
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_EXTRACTABLE },
          { type: pkcs11js.CKA_SIGN },
        ])
        .map((attribute) => (attribute.value as Buffer)[0]);
      assert.deepEqual(flags, [1, 0, 1], label);
    }
  });
});

test("a token made before the ICAO keys existed is completed: ICAO keys and files added, the other keys kept", async () => {
  const dsc = pem("dsc-vaccination.pem");
  const upload = pem("upload.pem");
  withToken((token) => {
    for (const label of ICAO_LABELS) {
      for (const objectClass of [pkcs11js.CKO_PRIVATE_KEY, pkcs11js.CKO_PUBLIC_KEY]) {
        token.module.C_DestroyObject(token.session, findByLabel(token, objectClass, label)!);
      }
    }
  });
  for (const file of ["icao-signers.json", "icao-signer.pem", "icao-csca.pem"]) rmSync(join(dir, file));
  const report = await createDevToken(dir);
  assert.equal(report.action, "reissued");
  assert.equal(pem("dsc-vaccination.pem").publicKey.equals(dsc.publicKey), true, "the DSC keys are kept");
  assert.equal(pem("upload.pem").publicKey.equals(upload.publicKey), true, "the upload key is kept");
  assert.equal(pem("icao-signer.pem").checkIssued(pem("icao-csca.pem")), true);
  assert.equal((await createDevToken(dir)).action, "unchanged");
});
