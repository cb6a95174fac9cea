// ICAO VDS-NC seals through the verification core (docs/verification.md, "ICAO VDS-NC seals"), on a PKI the test makes
// (test/support/seal-pki.ts) dated 2021: a negative PCR seal is judged by travel-FR as a DCC test would be (valid
// inside the window, the rule named outside it); a vaccination seal's rules that read the total doses are open
// (undetermined, never guessed); a seal whose id is on the revocation list is invalid; detail full gives the payload
// the rules judged, without the fields a seal does not carry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NO_CSCA, parseCscaList } from "../../../src/icao/csca-list.js";
import type { VerificationRequest } from "../../../src/verification/types.js";
import { verifyBarcode } from "../../../src/verification/verify-barcode.js";
import { makeSealPki } from "../../support/seal-pki.js";
import { verificationDeps } from "../../support/verification-fixtures.js";

const pki = makeSealPki();
const deps = verificationDeps({ icaoTrust: parseCscaList(pki.csca.toString()) });
const pid = { n: "SPECIMEN CAMILLE", dob: "1980-02-03" };
const testSeal = (sc: string, r = "negative") =>
  pki.seal({
    hdr: { t: "icao.test", v: 1, is: "FRA" },
    msg: {
      utci: "TESTSEAL0001",
      pid,
      sp: { spn: "SI-DEP", ctr: "FRA" },
      dat: { sc, ri: sc.slice(0, 10) },
      tr: { tc: "molecular(PCR)", r },
    },
  });
const vaccinationSeal = pki.seal({
  hdr: { t: "icao.vacc", v: 1, is: "FRA" },
  msg: {
    uvci: "VACCSEAL0001",
    pid,
    ve: [
      {
        des: "XM0GQ8",
        nam: "Comirnaty",
        dis: "RA01.0",
        vd: [
          { dvc: "2021-06-01", seq: 1, ctr: "FRA" },
          { dvc: "2021-07-01", seq: 2, ctr: "FRA" },
        ],
      },
    ],
  },
});
const at = new Date("2021-12-20T10:00:00Z");
const verify = (barcode: string, request: Partial<VerificationRequest> = {}, with_ = deps) =>
  verifyBarcode({ barcode, ruleSet: "travel-FR", validationTime: at, ...request }, with_);
const resultOf = (checks: readonly { id: string; result: string }[], id: string) => checks.find((check) => check.id === id)?.result;

test("a negative PCR seal inside travel-FR's window is valid, every seal check and rule named", () => {
  const result = verify(testSeal("2021-12-19T10:00:00+01:00"));
  assert.deepEqual([result.decision, result.format, result.type], ["valid", "icao", "test"]);
  assert.deepEqual(
    result.checks.slice(0, 8).map((check) => check.id),
    [
      "seal-format",
      "signature",
      "seal-chain",
      "seal-signer-validity",
      "seal-key-usage",
      "seal-document-type",
      "seal-content",
      "revocation",
    ],
  );
  for (const check of result.checks)
    assert.ok(check.description.fr !== "" && check.description.en !== "" && check.description.fr !== check.description.en);
  assert.deepEqual(result.holder, { name: "SPECIMEN CAMILLE", birthDate: "1980-02-03" });
});

test("the same seal sampled too long before is invalid with the test window rule failed", () => {
  const result = verify(testSeal("2021-12-10T10:00:00+01:00"));
  assert.equal(result.decision, "invalid");
  assert.ok(result.checks.some((check) => check.kind === "rule" && check.result === "failed"));
  assert.ok(result.checks.filter((check) => check.kind !== "rule").every((check) => check.result === "passed"));
});

test("a vaccination seal: the last dose is judged, the rules reading the total doses are open, the decision undetermined", () => {
  const result = verify(vaccinationSeal, { ruleSet: "activity", detail: "full" });
  assert.equal(result.decision, "undetermined");
  const open = result.checks.filter((check) => check.result === "open");
  assert.ok(open.length > 0 && open.every((check) => check.kind === "rule"));
  const entry = result.certificate?.v?.[0];
  assert.deepEqual([entry?.dn, entry?.dt, entry?.tg, entry?.ci], [2, "2021-07-01", "840539006", "VACCSEAL0001"]);
  assert.equal(entry !== undefined && "sd" in entry, false, "the total doses are not invented");
});

test("a seal whose id is on the revocation list is invalid with the revocation check failed", () => {
  const revoked = verificationDeps({ icaoTrust: deps.icaoTrust, revocations: { isRevoked: (subject) => subject.uvci === "TESTSEAL0001" } });
  const result = verify(testSeal("2021-12-19T10:00:00+01:00"), {}, revoked);
  assert.deepEqual([result.decision, resultOf(result.checks, "revocation")], ["invalid", "failed"]);
});

test("without ICAO_CSCA a seal's signer is untrusted; a seal from before the signer's validity fails that check", () => {
  const untrusted = verify(testSeal("2021-12-19T10:00:00+01:00"), {}, verificationDeps({ icaoTrust: NO_CSCA }));
  assert.deepEqual([untrusted.decision, resultOf(untrusted.checks, "seal-chain"), untrusted.holder], ["invalid", "failed", undefined]);
  const early = verify(testSeal("2020-12-19T10:00:00+01:00"), { validationTime: new Date("2020-12-20T10:00:00Z") });
  assert.deepEqual([early.decision, resultOf(early.checks, "seal-signer-validity")], ["invalid", "failed"]);
});

test("a signed seal whose message does not read as its profile is invalid (seal-content failed), no rule judged", () => {
  const odd = pki.seal({ hdr: { t: "icao.test", v: 1, is: "FRA" }, msg: { utci: "X", pid } });
  const result = verify(odd);
  assert.equal(result.decision, "invalid");
  assert.equal(resultOf(result.checks, "seal-content"), "failed");
  assert.equal(
    result.checks.some((check) => check.kind === "rule"),
    false,
  );
});
