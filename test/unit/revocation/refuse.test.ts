// The revocation check in the orchestrator and in MEAE issuance: asked with the derived UVCI (and, for a
// conversion, the signed data zone), after the UVCI and before anything is signed; a hit is ERR_REVOKED.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { finishConversion, type SigningDeps } from "../../../src/convert.js";
import { issueCertificate } from "../../../src/issue/issue-certificate.js";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { DEFAULT_VALIDITY } from "../../../src/dcc/cwt.js";
import type { KeyVault } from "../../../src/hsm/types.js";
import type { RevocationSubject } from "../../../src/revocation/revocation-list.js";

const valueSets = loadValueSets();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function depsRevoking(): { deps: SigningDeps; asked: RevocationSubject[]; signed: string[] } {
  const asked: RevocationSubject[] = [];
  const signed: string[] = [];
  const vault = {
    keyedHash: async (data: Buffer) => createHmac("sha256", "test key").update(data).digest(),
    signerFor: () => {
      signed.push("signerFor");
      throw new TypeError("must not be reached");
    },
  } as unknown as KeyVault;
  const revocations = { isRevoked: (subject: RevocationSubject) => (asked.push(subject), true) };
  return { deps: { vault, valueSets, clock: () => new Date(), validity: DEFAULT_VALIDITY, revocations }, asked, signed };
}

test("a conversion asks with its UVCI and data zone, and a revoked one is refused before signing", async () => {
  const { deps, asked, signed } = depsRevoking();
  const sourceBytes = Buffer.from("DC04FR99TST91E6A1E6AL101FRL0SPECIMEN", "latin1");
  const prepared = {
    documentType: "L1",
    type: "v" as const,
    payload: { ver: "1.3.0", nam: { fnt: "SPECIMEN" }, dob: "1970-01-01", v: [{}] } as never,
    sourceBytes,
  };
  await assert.rejects(finishConversion(prepared, deps), { code: "ERR_REVOKED" });
  assert.equal(asked.length, 1);
  assert.match(asked[0]!.uvci ?? "", /^URN:UVCI:01:FR:[A-Z2-7]{16}#.$/);
  assert.deepEqual(asked[0]!.sourceBytes, sourceBytes);
  assert.deepEqual(signed, []);
});

test("an MEAE issuance asks with its assigned UVCI, and a revoked one is refused before signing", async () => {
  const { deps, asked, signed } = depsRevoking();
  const payload = {
    ver: "1.3.0",
    nam: { fn: "Specimen", fnt: "SPECIMEN" },
    dob: "1970-01-01",
    v: [
      { tg: "840539006", vp: "1119349007", mp: "EU/1/20/1528", ma: "ORG-100030215", dn: 2, sd: 2, dt: daysAgo(30), co: "DE", is: "MEAE" },
    ],
  };
  await assert.rejects(issueCertificate(payload, deps), { code: "ERR_REVOKED" });
  assert.equal(asked.length, 1);
  assert.match(asked[0]!.uvci ?? "", /^URN:UVCI:01:FR:/);
  assert.equal(asked[0]!.sourceBytes, undefined);
  assert.deepEqual(signed, []);
});
