// The verification core's fixtures, from the project's own material only: 2D-DOCs signed in the test by a freshly
// generated key (FR99/TST9, trusted through a store of its own), and DCCs made by the converter's own pipeline
// (prepareConversion → finishConversion) at a chosen 2021 or 2022 clock, signed by a test DSC valid from 2021
// (node:crypto stands in for the HSM port: the core needs no HSM). Invented identities only.
import { createHmac } from "node:crypto";
import { finishConversion, prepareConversion } from "../../src/convert.js";
import { NO_CSCA } from "../../src/icao/csca-list.js";
import { loadValueSets } from "../../src/dcc/value-sets.js";
import { loadMappingTables } from "../../src/mapping/tables.js";
import { emptyRevocationList } from "../../src/revocation/list-in-force.js";
import type { RevocationCheck } from "../../src/revocation/revocation-list.js";
import { loadRuleSets } from "../../src/rules/load-rule-sets.js";
import { dccTrustListOf } from "../../src/trust/dcc-trust-list.js";
import { defaultTrustBundle, loadTrustStore } from "../../src/twoddoc/trust-store.js";
import type { VerificationDeps } from "../../src/verification/types.js";
import { makeTestSigner as makeDsc } from "./test-signer.js";
import { header04, makeTestSigner as make2DDocSigner, sign2DDoc } from "./twoddoc-fixtures.js";
import { PROJECT_ROOT } from "../../src/config.js";
import { resolve } from "node:path";

const GS = "\x1d";

export const valueSets = loadValueSets();
export const tables = loadMappingTables(resolve(PROJECT_ROOT, "mappings"), valueSets);
export const ruleSets = loadRuleSets(resolve(PROJECT_ROOT, "rules"));
const twoddocSigner = make2DDocSigner({ caId: "FR99", certId: "TST9" });
export const twoddocTrust = loadTrustStore(`${defaultTrustBundle().trimEnd()}\n${twoddocSigner.pem}`);
export const dsc = makeDsc({ notBefore: new Date("2021-01-01T00:00:00Z") });

export function verificationDeps(overrides: Partial<VerificationDeps> = {}): VerificationDeps {
  return {
    twoddocTrust,
    dccTrust: dccTrustListOf([dsc.certificate]),
    icaoTrust: NO_CSCA,
    revocations: emptyRevocationList(),
    ruleSets,
    tables,
    valueSets,
    clock: () => new Date("2021-07-01T12:00:00Z"),
    ...overrides,
  };
}

/** An L1 signed by the test key: vaccinated on `l9` (DDMMYYYY), doses dn/sd, cycle state LA. */
export function vaccination(l9: string, options: { l7?: string; l8?: string; la?: string; l5?: string } = {}): string {
  const l5 = options.l5 ?? "COMIRNATY PFIZER/BIONTECH";
  return sign2DDoc(
    header04({ type: "L1" }) +
      `L0SPECIMEN DURAND${GS}L1CLAUDE${GS}L202021960L3COVID-19${GS}L4J07BX03${GS}L5${l5}${GS}L6${l5}${GS}` +
      `L7${options.l7 ?? "2"}L8${options.l8 ?? "2"}L9${l9}LA${options.la ?? "TE"}`,
    twoddocSigner.privateKey,
  );
}

/** A B2 signed by the test key: sampled at `f6` (DDMMYYYYHHMM, Paris time), result N (negative) or P (positive). */
function b2Test(f4: string, f6: string, result: "N" | "P"): string {
  return sign2DDoc(
    `${header04({ type: "B2" })}F0MARIE${GS}F1SPECIMEN NOM${GS}F201012000F3FF4${f4}${GS}F5${result}F6${f6}`,
    twoddocSigner.privateKey,
  );
}

/** A B2 PCR (94500-6). */
export const pcrTest = (f6: string, result: "N" | "P" = "N"): string => b2Test("945006", f6, result);

/** A B2 antigen test (94558-4). */
export const antigenTest = (f6: string, result: "N" | "P" = "N"): string => b2Test("945584", f6, result);

/** The HC1 the converter's pipeline makes of `document` at `issuedAt` (its own mapping, CWT, COSE, zlib, base45). */
export async function convertAt(
  document: string,
  issuedAt: Date,
  revocations: RevocationCheck = emptyRevocationList(),
): Promise<{ hc1: string; uvci: string }> {
  const prepared = prepareConversion(document, {
    trust: twoddocTrust,
    tables,
    mapping: { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery", antigenTest: "refuse" },
  });
  const vault = {
    signers: [dsc.signer],
    signerFor: () => dsc.signer,
    keyedHash: async (data: Uint8Array) => createHmac("sha256", "test uvci key").update(data).digest(),
  };
  const conversion = await finishConversion(prepared, {
    vault,
    revocations,
    valueSets,
    clock: () => issuedAt,
    validity: { v: 365 * 86_400, t: 72 * 3600, r: 365 * 86_400 },
  });
  return { hc1: conversion.dcc, uvci: conversion.uvci };
}
