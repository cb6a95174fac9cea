// What the scan page shows for a scan (README, "Border portal"): the verdict in words (French and English), its
// reason (the first failing check, else the first open one), then every field of the certificate with the labels
// of the printable certificate (src/print/labels.ts). Built on the server, sent as JSON, shown by the page as text.
import { CERTIFICATE_TYPE_NAMES, findCertificateType } from "../dcc/types.js";
import type { ValueSets } from "../dcc/value-sets.js";
import { ERRORS, type ErrorCode } from "../errors.js";
import { entryRows, holderRows } from "../print/certificate-content.js";
import { LABELS, NOT_GIVEN, TYPE_TITLES, type Label } from "../print/labels.js";
import type { Decision, Verification } from "../verification/types.js";

export type Verdict = Decision | "unreadable" | "cut-short";

export interface ResultRow {
  readonly label: Label;
  readonly value: string;
}

export interface ResultView {
  readonly verdict: Verdict;
  readonly headline: Label;
  readonly reason: Label;
  readonly title?: Label;
  readonly rows: readonly ResultRow[];
  readonly ruleSet?: string;
  /** The separators were put back from the field rules (the reader had dropped them). */
  readonly recovered: boolean;
}

const HEADLINES: Readonly<Record<Verdict, Label>> = {
  valid: { fr: "VALIDE", en: "VALID" },
  invalid: { fr: "NON VALIDE", en: "NOT VALID" },
  undetermined: { fr: "INDÉTERMINÉ", en: "UNDETERMINED" },
  unreadable: { fr: "ILLISIBLE", en: "UNREADABLE" },
  "cut-short": { fr: "SCAN INCOMPLET", en: "SCAN CUT SHORT" },
};

const ALL_PASSED: Label = { fr: "Toutes les vérifications sont passées.", en: "Every check passed." };
const CUT_SHORT: Label = {
  fr: "Le code-barres lu s'arrête avant la fin : scannez-le à nouveau.",
  en: "The barcode read stops before its end: scan it again.",
};
const RULE_SET: Label = { fr: "Règles appliquées", en: "Rules applied" };
const FORMAT: Label = { fr: "Format", en: "Format" };

function reasonOf(result: Verification): Label {
  const failing = result.checks.find((check) => check.result === "failed") ?? result.checks.find((check) => check.result === "open");
  return result.decision === "valid" || failing === undefined ? ALL_PASSED : failing.description;
}

function certificateRows(result: Verification, sets: ValueSets): { title?: Label; rows: ResultRow[] } {
  if (result.certificate === undefined) {
    return {
      rows: [
        { label: LABELS.surname, value: result.holder?.name ?? NOT_GIVEN },
        { label: LABELS.birthDate, value: result.holder?.birthDate ?? NOT_GIVEN },
      ],
    };
  }
  const payload = result.certificate;
  const { rows, entry } = entryRows(payload, sets);
  const type = findCertificateType(payload);
  return {
    ...(type === undefined ? {} : { title: TYPE_TITLES[CERTIFICATE_TYPE_NAMES[type]] }),
    // A 2D-DOC mapped for the rules has no UVCI yet (the converter derives it when it signs): shown as not given.
    rows: [
      ...holderRows(payload),
      ...rows,
      { label: LABELS.issuer, value: entry.is || NOT_GIVEN },
      { label: LABELS.uvci, value: entry.ci || NOT_GIVEN },
    ],
  };
}

export function verdictView(result: Verification, sets: ValueSets, recovered: boolean): ResultView {
  const { title, rows } = certificateRows(result, sets);
  return {
    verdict: result.decision,
    headline: HEADLINES[result.decision],
    reason: reasonOf(result),
    ...(title === undefined ? {} : { title }),
    rows: [...rows, { label: FORMAT, value: result.format }, { label: RULE_SET, value: result.ruleSet.id }],
    ruleSet: result.ruleSet.id,
    recovered,
  };
}

/** A barcode the verifier could not decode: its reason is the fixed sentence of the error code (never the input). */
export function unreadableView(code: ErrorCode): ResultView {
  return {
    verdict: "unreadable",
    headline: HEADLINES.unreadable,
    reason: { fr: "Ce code-barres ne peut pas être lu comme un certificat.", en: ERRORS[code].message },
    rows: [],
    recovered: false,
  };
}

export function cutShortView(): ResultView {
  return { verdict: "cut-short", headline: HEADLINES["cut-short"], reason: CUT_SHORT, rows: [], recovered: false };
}
