// A 2D-DOC, read as TousAntiCovid Verif 1.8.2 read it (docs/verification.md "The pipeline"), then judged by the same
// rules as a DCC: the syntax must hold (else 400, the 2D-DOC's own codes), the signer must be in TWODDOC_TRUST_BUNDLE and valid at the
// signature date, the signature must verify (ANTS 2D-Doc, signature zone). What only a 2D-DOC says is checked
// before the rules, as named checks: an L1's cycle state (LA must say the cycle is complete) and a B2's test
// codes (F4 a listed PCR or antigen test, F5 a positive or negative result). Then the document is mapped to its DCC
// payload (src/mapping/, the conversion's own mapping) without a UVCI, which only the converter's HSM derives; the
// revocation check uses the document's 2DDOC hash (docs/revocation.md).
import { isConverterError } from "../errors.js";
import { mapDocument } from "../mapping/map-document.js";
import { lookupCode, readField } from "../mapping/fields.js";
import type { MappingTables } from "../mapping/tables.js";
import type { MappingOptions } from "../mapping/options.js";
import { normaliseInput } from "../twoddoc/normalise.js";
import { parseDocument } from "../twoddoc/parse.js";
import { checkSignature } from "../twoddoc/verify.js";
import { isCovidDocument, type ParsedDocument, type VerifiedDocument } from "../twoddoc/types.js";
import { TwoDDocError } from "../errors.js";
import type { DccPayload } from "../dcc/types.js";
import { fixedCheck } from "./wording.js";
import type { Check, ReadCertificate, VerificationDeps } from "./types.js";

/**
 * The issuer names of the mapped payload: what the converter writes by default (README "Configuration"); a positive
 * test is a recovery, and an antigen test a test entry without `ma`, judged by the rules as a PCR is.
 */
const MAPPING: MappingOptions = { issuer: { v: "CNAM", t: "SI-DEP", r: "SI-DEP" }, positiveTest: "recovery", antigenTest: "test-entry" };

function signatureChecks(doc: ParsedDocument, deps: VerificationDeps): Check[] {
  const status = checkSignature(doc, deps.twoddocTrust);
  if (status === "unknown-signer") return [fixedCheck("signature", "signature", "open"), fixedCheck("issuer", "issuer", "failed")];
  if (status === "signer-not-valid-at-signature-date") {
    const signerValidity = fixedCheck("signer-validity", "issuer", "failed");
    return [fixedCheck("signature", "signature", "open"), fixedCheck("issuer", "issuer", "passed"), signerValidity];
  }
  return [
    fixedCheck("signature", "signature", status === "valid" ? "passed" : "failed"),
    fixedCheck("issuer", "issuer", "passed"),
    fixedCheck("signer-validity", "issuer", "passed"),
  ];
}

function holds(step: () => boolean): boolean {
  try {
    return step();
  } catch {
    return false; // fail closed: a field that cannot be read fails its check
  }
}

/** LA (L1) or F4/F5 (B2): what TousAntiCovid Verif 1.8.2 checked on the 2D-DOC itself. */
function documentCheck(doc: VerifiedDocument, tables: MappingTables): Check {
  if (doc.header.documentType === "L1") {
    const complete = holds(() => lookupCode(tables.cycleStates, readField(doc, "LA"), "LA").complete);
    return fixedCheck("2ddoc-cycle-state", "rule", complete ? "passed" : "failed");
  }
  const listed = holds(
    () =>
      lookupCode(tables.testTypes, readField(doc, "F4"), "F4").kind !== "serology" &&
      lookupCode(tables.testResults, readField(doc, "F5"), "F5").outcome !== "refused",
  );
  return fixedCheck("2ddoc-test-code", "rule", listed ? "passed" : "failed");
}

function mapPayload(doc: VerifiedDocument, tables: MappingTables): DccPayload | undefined {
  try {
    return mapDocument(doc, tables, MAPPING).payload;
  } catch (error) {
    if (isConverterError(error)) return undefined;
    throw error;
  }
}

export function read2DDoc(text: string, deps: VerificationDeps): ReadCertificate {
  const doc = parseDocument(normaliseInput(text));
  if (!isCovidDocument(doc.header)) throw new TwoDDocError("ERR_2DDOC_DOCUMENT_TYPE");
  const checks = signatureChecks(doc, deps);
  const revoked = deps.revocations.isRevoked({ sourceBytes: doc.signedData });
  checks.push(fixedCheck("revocation", "revocation", revoked ? "failed" : "passed"));
  if (checks.some((check) => check.result !== "passed")) return { format: "2d-doc", checks };
  const verified: VerifiedDocument = Object.freeze({ ...doc, signatureStatus: "valid" });
  const docCheck = documentCheck(verified, deps.tables);
  checks.push(docCheck);
  if (docCheck.result !== "passed") return { format: "2d-doc", checks };
  const payload = mapPayload(verified, deps.tables);
  checks.push(fixedCheck("2ddoc-payload", "validity", payload === undefined ? "failed" : "passed"));
  return { format: "2d-doc", checks, ...(payload === undefined ? {} : { payload: withoutUvci(payload) }) };
}

/** The mapped payload's `ci` is empty (no HSM here): left out rather than shown empty. */
function withoutUvci(payload: DccPayload): DccPayload {
  const strip = <T extends { ci: string }>(entries: [T] | undefined) =>
    entries?.map(({ ci: _ci, ...rest }) => rest) as unknown as [T] | undefined;
  const { v, t, r, ...person } = payload;
  const copy: DccPayload = { ...person };
  if (v !== undefined) copy.v = strip(v)!;
  if (t !== undefined) copy.t = strip(t)!;
  if (r !== undefined) copy.r = strip(r)!;
  return copy;
}
