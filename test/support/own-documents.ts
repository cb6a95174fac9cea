// The 2D-DOCs our integration suites convert, from the project's own material only (no external vectors):
// the specimen of src/specimen.ts (signed by the French production key FR03/AV01, in the bundled trust list)
// and documents signed in the test by a freshly generated P-256 key (FR99/TST9) whose certificate is added
// to a temporary trust bundle. A suite starts the service with `TWODDOC_TRUST_BUNDLE: trustBundle`.
// Invented or specimen identities only.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { defaultTrustBundle } from "../../src/twoddoc/trust-store.js";
import { header04, makeTestSigner, sign2DDoc } from "./twoddoc-fixtures.js";

export interface OwnDocument {
  /** A short label for assertion messages (never sent). */
  readonly label: string;
  /** The document with its real control characters (GS, RS, US), as a scanner reads it. */
  readonly raw: string;
  /** The identity fields it carries (ANTS 2D-Doc L0–L2, L9 or F0–F2, F6), for the privacy checks. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface OwnDocuments {
  /** Three distinct vaccinations (L1) that convert: the production-signed specimen first. */
  readonly convertible: readonly [OwnDocument, OwnDocument, OwnDocument];
  /** A correctly signed B2 test result that must be refused: F4 3333 is no test code (ERR_MAPPING_UNKNOWN_CODE). */
  readonly refused: OwnDocument;
  /** A PEM file: the bundled French list plus the certificate of the key that signed the other documents. */
  readonly trustBundle: string;
}

const GS = "\x1d";

/** The specimen of src/specimen.ts with its real control characters. */
export const SPECIMEN: OwnDocument = {
  label: "specimen AZAY",
  raw: SPECIMEN_2DDOC.replaceAll("<GS>", "\x1d").replaceAll("<RS>", "\x1e").replaceAll("<US>", "\x1f"),
  fields: { L0: "AZAY LE RIDEAU", L1: "JEAN-PIERRE", L2: "04081952", L9: "31032021" },
};

/** An L1 message (ANTS 2D-Doc, Covid vaccination): variable-length fields end with GS, fixed ones do not. */
function l1Message(fields: { L0: string; L1: string; L2: string; L5: string; L7: string; L8: string; L9: string; LA: string }): string {
  return (
    `L0${fields.L0}${GS}L1${fields.L1}${GS}L2${fields.L2}L3COVID-19${GS}L4J07BX03${GS}L5${fields.L5}${GS}L6${fields.L5}${GS}` +
    `L7${fields.L7}L8${fields.L8}L9${fields.L9}LA${fields.LA}`
  );
}

/** Generates a signer, signs the documents, writes the trust bundle; one call per suite. */
export function makeOwnDocuments(): OwnDocuments {
  const signer = makeTestSigner({ caId: "FR99", certId: "TST9" });
  const dir = mkdtempSync(join(tmpdir(), "dcc-own-documents-"));
  const trustBundle = join(dir, "trust.pem");
  writeFileSync(trustBundle, `${defaultTrustBundle().trimEnd()}\n${signer.pem}`);

  const l1 = (label: string, fields: Parameters<typeof l1Message>[0]): OwnDocument => ({
    label,
    raw: sign2DDoc(header04({ type: "L1", date: "1E6A" }) + l1Message(fields), signer.privateKey),
    fields: { L0: fields.L0, L1: fields.L1, L2: fields.L2, L9: fields.L9 },
  });
  const durand = l1("self-signed DURAND", {
    L0: "SPECIMEN DURAND",
    L1: "CLAUDE",
    L2: "02021960",
    L5: "COMIRNATY PFIZER/BIONTECH",
    L7: "2",
    L8: "2",
    L9: "15052021",
    LA: "TE",
  });
  const martin = l1("self-signed MARTIN", {
    L0: "SPECIMEN MARTIN",
    L1: "CAMILLE ANDREE",
    L2: "14071985",
    L5: "MODERNA",
    L7: "2",
    L8: "2",
    L9: "24032021",
    LA: "TE",
  });
  const b2Fields = { F0: "MARIE", F1: "SPECIMEN NOM", F2: "01012000", F6: "120420210800" };
  const refused: OwnDocument = {
    label: "self-signed B2 with test code 3333",
    raw: sign2DDoc(
      `${header04({ type: "B2" })}F0${b2Fields.F0}${GS}F1${b2Fields.F1}${GS}F2${b2Fields.F2}F3MF43333${GS}F5XF6${b2Fields.F6}`,
      signer.privateKey,
    ),
    fields: b2Fields,
  };
  return { convertible: [SPECIMEN, durand, martin], refused, trustBundle };
}
