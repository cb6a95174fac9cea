// The verification core (docs/verification.md): the converter's own DCCs and 2D-DOCs signed in the test, judged at dated
// validation times around every window edge of the bundled rule sets; forged, revoked and undecodable barcodes; a
// rule that throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyBarcode } from "../../../src/verification/verify-barcode.js";
import type { Verification } from "../../../src/verification/types.js";
import { parseRevocationList } from "../../../src/revocation/list-file.js";
import { isRevokedIn } from "../../../src/revocation/revocation-list.js";
import { countryCodeUciDigest, documentDigest, hashText, uciDigest } from "../../../src/revocation/hashes.js";
import { normaliseInput } from "../../../src/twoddoc/normalise.js";
import { parseDocument } from "../../../src/twoddoc/parse.js";
import { parseRuleSet } from "../../../src/rules/load-rule-sets.js";
import { deflateSync } from "node:zlib";
import { decodeBase45, encodeBase45 } from "../../../src/dcc/base45.js";
import { decompress } from "../../../src/dcc/zlib.js";
import { dccTrustListOf } from "../../../src/trust/dcc-trust-list.js";
import { SPECIMEN } from "../../support/own-documents.js";
import { antigenTest, convertAt, pcrTest, ruleSets, vaccination, verificationDeps } from "../../support/verification-fixtures.js";

const at = (iso: string) => new Date(iso);
const check = (result: Verification, id: string) => result.checks.find((c) => c.id === id);

function verify(barcode: string, time: string, ruleSet = "activity", deps = verificationDeps()): Verification {
  return verifyBarcode({ barcode, ruleSet, validationTime: at(time) }, deps);
}

test("a DCC the converter made is valid on activity and travel-FR inside their windows, invalid with the rule named outside", async () => {
  const { hc1 } = await convertAt(vaccination("20122021"), at("2021-12-21T09:00:00Z"));
  for (const set of ["activity", "travel-FR"]) {
    const inside = verify(hc1, "2022-01-05T12:00:00Z", set);
    assert.equal(inside.decision, "valid", set);
    assert.equal(inside.format, "dcc");
    assert.equal(inside.type, "vaccination");
    assert.deepEqual(inside.holder, { name: "SPECIMEN DURAND CLAUDE", birthDate: "1960-02-02" });
    assert.equal(inside.certificate, undefined, "lite leaves the certificate out");
  }
  const early = verify(hc1, "2021-12-26T12:00:00Z");
  assert.equal(early.decision, "invalid");
  assert.equal(check(early, "VR-FR-0102")?.result, "failed");
  assert.equal(check(verify(hc1, "2021-12-26T12:00:00Z", "travel-FR"), "VR-FR-0204")?.result, "failed");
});

test("the specimen 2D-DOC read directly: valid inside activity's window; undetermined where no rule is in force", () => {
  const inside = verify(SPECIMEN.raw, "2021-07-01T12:00:00Z");
  assert.equal(inside.decision, "valid");
  assert.equal(inside.format, "2d-doc");
  assert.equal(check(inside, "2ddoc-cycle-state")?.result, "passed");
  const after = verify(SPECIMEN.raw, "2023-01-01T12:00:00Z");
  assert.equal(after.decision, "undetermined");
  assert.equal(check(after, "rules-in-force")?.result, "open");
  const before = verify(SPECIMEN.raw, "2021-05-01T12:00:00Z");
  assert.equal(before.decision, "undetermined");
});

test("vaccination: day 6 after the last dose is invalid, day 7 valid (2D-DOC and DCC alike)", async () => {
  const doc = vaccination("01072021");
  const { hc1 } = await convertAt(doc, at("2021-07-01T12:00:00Z"));
  for (const barcode of [doc, hc1]) {
    const day6 = verify(barcode, "2021-07-07T23:59:00Z");
    assert.equal(day6.decision, "invalid");
    assert.equal(check(day6, "VR-FR-0102")?.result, "failed");
    assert.equal(verify(barcode, "2021-07-08T00:00:00Z").decision, "valid");
  }
});

test("negative test: 71 h valid and 73 h invalid before 2021-11-29; 23 h valid and 25 h invalid from it", () => {
  const before = pcrTest("201120211000"); // 2021-11-20 10:00 Paris = 09:00Z
  assert.equal(verify(before, "2021-11-23T08:00:00Z").decision, "valid");
  const late = verify(before, "2021-11-23T10:00:00Z");
  assert.equal(late.decision, "invalid");
  assert.deepEqual([check(late, "TR-FR-0102")?.result, check(late, "TR-FR-0102")?.ruleVersion], ["failed", "1.0.0"]);
  const after = pcrTest("291120211000"); // 2021-11-29 10:00 Paris = 09:00Z
  assert.equal(verify(after, "2021-11-30T08:00:00Z").decision, "valid");
  const stale = verify(after, "2021-11-30T10:00:00Z");
  assert.equal(stale.decision, "invalid");
  assert.deepEqual([check(stale, "TR-FR-0102")?.result, check(stale, "TR-FR-0102")?.ruleVersion], ["failed", "2.0.0"]);
});

test("a negative antigen test is judged as a PCR: 23 h valid and 25 h invalid from 2021-11-29; travel-FR within 48 h", () => {
  const sampled = antigenTest("291120211000"); // 2021-11-29 10:00 Paris = 09:00Z
  const inside = verify(sampled, "2021-11-30T08:00:00Z");
  assert.deepEqual([inside.decision, inside.type], ["valid", "test"]);
  for (const id of ["2ddoc-test-code", "2ddoc-payload", "TR-FR-0101", "TR-FR-0102"]) assert.equal(check(inside, id)?.result, "passed", id);
  const stale = verify(sampled, "2021-11-30T10:00:00Z");
  assert.equal(stale.decision, "invalid");
  assert.deepEqual([check(stale, "TR-FR-0102")?.result, check(stale, "TR-FR-0102")?.ruleVersion], ["failed", "2.0.0"]);
  const full = verifyBarcode({ barcode: sampled, detail: "full", validationTime: at("2021-11-30T08:00:00Z") }, verificationDeps());
  assert.equal((full.certificate?.t?.[0] as { tt?: string } | undefined)?.tt, "LP217198-3");
  const abroad = antigenTest("201220211000"); // 2021-12-20 10:00 Paris
  assert.equal(verify(abroad, "2021-12-22T08:00:00Z", "travel-FR").decision, "valid");
  assert.equal(check(verify(abroad, "2021-12-22T10:00:00Z", "travel-FR"), "TR-FR-0202")?.result, "failed");
});

test("recovery (a positive PCR): day 10 invalid, day 11 valid", () => {
  const positive = pcrTest("010720211000", "P");
  const day10 = verify(positive, "2021-07-11T12:00:00Z");
  assert.equal(day10.type, "recovery");
  assert.equal(check(day10, "RR-FR-0101")?.result, "failed");
  assert.equal(verify(positive, "2021-07-12T12:00:00Z").decision, "valid");
});

test("an unfinished cycle (LA = CO) fails the 2D-DOC's own check before the rules", () => {
  const result = verify(vaccination("01062021", { l7: "1", la: "CO" }), "2021-07-01T12:00:00Z");
  assert.equal(result.decision, "invalid");
  assert.equal(check(result, "2ddoc-cycle-state")?.result, "failed");
});

test("a forged signature is invalid with the signature check failed (2D-DOC and DCC)", async () => {
  const doc = vaccination("01062021");
  const zone = doc.indexOf("\x1f");
  const forgedDoc = doc.slice(0, zone).replace("CLAUDE", "CLAUDA") + doc.slice(zone);
  const result = verify(forgedDoc, "2021-07-01T12:00:00Z");
  assert.deepEqual([result.decision, check(result, "signature")?.result, result.holder], ["invalid", "failed", undefined]);
  const other = await convertAt(doc, at("2021-06-02T12:00:00Z"));
  const { hc1 } = await convertAt(vaccination("02062021"), at("2021-06-02T12:00:00Z"));
  // Swap in another DCC's signature over a different payload: base45/zlib stay valid, the signature does not.
  const cose = (text: string) => decompress(decodeBase45(text.slice(4)));
  const a = Buffer.from(cose(hc1));
  const b = Buffer.from(cose(other.hc1));
  const forged = Buffer.concat([a.subarray(0, a.length - 64), b.subarray(b.length - 64)]);
  const verdict = verify(`HC1:${encodeBase45(deflateSync(forged))}`, "2021-07-01T12:00:00Z");
  assert.deepEqual([verdict.decision, check(verdict, "signature")?.result], ["invalid", "failed"]);
});

test("a DSC outside the trust list: the issuer check fails", async () => {
  const { hc1 } = await convertAt(vaccination("01062021"), at("2021-06-02T12:00:00Z"));
  const result = verify(hc1, "2021-07-01T12:00:00Z", "activity", verificationDeps({ dccTrust: dccTrustListOf([]) }));
  assert.deepEqual([result.decision, check(result, "issuer")?.result], ["invalid", "failed"]);
});

test("a revoked document, by each entry kind, is invalid with the revocation check failed", async () => {
  const doc = vaccination("01062021");
  const { hc1, uvci } = await convertAt(doc, at("2021-06-02T12:00:00Z"));
  const zone = parseDocument(normaliseInput(doc)).signedData;
  const lines = {
    "2DDOC": `2DDOC:${hashText("2DDOC", documentDigest(zone))}`,
    UCI: `UCI:${hashText("UCI", uciDigest(uvci))}`,
    COUNTRYCODEUCI: `COUNTRYCODEUCI:${hashText("COUNTRYCODEUCI", countryCodeUciDigest(uvci))}`,
  };
  for (const [kind, line] of Object.entries(lines)) {
    const stores = parseRevocationList(Buffer.from(`${line}\n# end 1\n`));
    const deps = verificationDeps({ revocations: { isRevoked: (subject) => isRevokedIn(stores, subject) } });
    const barcode = kind === "2DDOC" ? doc : hc1;
    const result = verify(barcode, "2021-07-01T12:00:00Z", "activity", deps);
    assert.deepEqual([result.decision, check(result, "revocation")?.result], ["invalid", "failed"], kind);
  }
});

test("a rule that throws on the certificate makes the decision undetermined, never valid", () => {
  const throwing = JSON.stringify({
    ruleSet: "throws",
    version: 1,
    rules: [
      {
        rule: {
          Identifier: "VR-FR-0900",
          Type: "Acceptance",
          Country: "FR",
          Version: "1.0.0",
          SchemaVersion: "1.3.0",
          Engine: "CERTLOGIC",
          EngineVersion: "1.3.0",
          CertificateType: "Vaccination",
          Description: [{ lang: "en", desc: "Reads a field vaccinations do not have." }],
          ValidFrom: "2021-01-01T00:00:00Z",
          ValidTo: "2030-01-01T00:00:00Z",
          AffectedFields: ["v.0.xx"],
          Logic: {
            "not-before": [
              { plusTime: [{ var: "external.validationClock" }, 0, "day"] },
              { plusTime: [{ var: "payload.v.0.xx" }, 0, "day"] },
            ],
          },
        },
        tests: [
          {
            name: "with the field",
            payload: { v: [{ xx: "2021-01-01" }] },
            external: { validationClock: "2021-02-01T00:00:00Z" },
            expected: true,
          },
        ],
      },
    ],
  });
  const sets = new Map([...ruleSets, ["throws", parseRuleSet(throwing, "throws", 1, "rules/throws/1.json")]]);
  const result = verify(SPECIMEN.raw, "2021-07-01T12:00:00Z", "throws", verificationDeps({ ruleSets: sets }));
  assert.equal(result.decision, "undetermined");
  assert.equal(check(result, "VR-FR-0900")?.result, "open");
});

test("detail full adds every field of the certificate in the DCC schema's names", () => {
  const result = verifyBarcode({ barcode: SPECIMEN.raw, detail: "full", validationTime: at("2021-07-01T12:00:00Z") }, verificationDeps());
  assert.equal(result.ruleSet.id, "activity");
  assert.equal(result.certificate?.v?.[0]?.mp, "EU/1/20/1528");
});

test("bad barcodes are 400 with their own codes; an unknown rule set is 400", () => {
  const deps = verificationDeps();
  assert.throws(() => verifyBarcode({ barcode: "HC1:NOT*BASE45" }, deps), { code: "ERR_BARCODE_UNDECODABLE" });
  assert.throws(() => verifyBarcode({ barcode: "HC1:" }, deps), { code: "ERR_BARCODE_UNDECODABLE" });
  assert.throws(() => verifyBarcode({ barcode: '{"data":{},"sig":{}}' }, deps), { code: "ERR_BARCODE_UNDECODABLE" });
  assert.throws(() => verifyBarcode({ barcode: "XX04" }, deps), { code: "ERR_2DDOC_MARKER" });
  assert.throws(() => verifyBarcode({ barcode: SPECIMEN.raw, ruleSet: "nope" }, deps), { code: "ERR_RULE_SET_UNKNOWN" });
});
