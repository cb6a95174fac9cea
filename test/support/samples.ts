// The 2D-DOC samples of the external vectors (2d-doc/samples.json), read in place by the benchmarks;
// and the accepted input forms of a document, for any suite.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Sample {
  readonly id: string;
  readonly raw: string;
  readonly key: string;
  readonly expected_signature_valid: boolean;
  readonly expected_fields?: Readonly<Record<string, string>>;
  readonly header: Readonly<Record<string, string>>;
}

export function readSamples(vectors: string): Map<string, Sample> {
  const list = JSON.parse(readFileSync(join(vectors, "2d-doc/samples.json"), "utf8")) as Sample[];
  return new Map(list.map((sample) => [sample.id, sample]));
}

export function sample(samples: Map<string, Sample>, id: string): Sample {
  const found = samples.get(id);
  if (found === undefined) throw new Error(`sample ${id} missing from the vectors`);
  return found;
}

/** The production-signed specimen samples that must convert, and the one that must be refused. */
export const CONVERTIBLE_SAMPLES = ["kit-L1-AZAY-valid", "kit-L1-THEOULE-invalid-cycle", "tac-ios-L1-PAVOINE"] as const;
export const REFUSED_SAMPLE = "kit-B2-SPECIMEN-invalid-test";

/** The percent-encoding of the TousAntiCovid deep links and of its iOS app (docs/tousanticovid.md). */
export function percentEncode(document: string): string {
  return [...document].map((c) => (/[\w\-.~]/.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

/** Every accepted input form of one document (README.md, HTTP API). */
export function encodings(document: string): Record<string, string> {
  return {
    raw: document,
    tokens: document.replace(/\x1d/g, "<GS>").replace(/\x1e/g, "<RS>").replace(/\x1f/g, "<US>"),
    percent: percentEncode(document),
    walletLink: `https://bonjour.tousanticovid.gouv.fr/app/wallet?v=${percentEncode(document)}`,
    wallet2dLink: `https://bonjour.tousanticovid.gouv.fr/app/wallet2d#${percentEncode(document)}`,
  };
}
