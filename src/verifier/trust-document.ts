// GET /v1/verifier/trust (docs/verification.md): what a verifier app syncs daily — the public certificates of every format and
// the rule sets — with a strong ETag over the exact bytes served, so an unchanged state answers 304. Built again only
// when a source swapped in a new value.
import { createHash } from "node:crypto";
import type { CscaList } from "../icao/csca-list.js";
import { trustListEntry } from "../trust/dcc-trust-list.js";
import type { RuleSet } from "../rules/types.js";
import type { TrustStore } from "../twoddoc/types.js";
import type { DccTrustList } from "../verification/types.js";

export interface TrustDocument {
  readonly body: string;
  readonly etag: string;
}

export interface TrustState {
  readonly twoddoc: TrustStore;
  readonly dcc: DccTrustList;
  readonly icao: CscaList;
  readonly ruleSets: ReadonlyMap<string, RuleSet>;
}

export function buildTrustDocument(state: TrustState): TrustDocument {
  const body = JSON.stringify({
    twoddoc: { certificates: state.twoddoc.pem ?? "" },
    dcc: { certificates: state.dcc.certificates.map(trustListEntry) },
    icao: { certificates: state.icao.pem },
    ruleSets: [...state.ruleSets.values()].map((set) => ({
      id: set.id,
      version: set.version,
      rules: set.rules.map((entry) => entry.rule),
    })),
  });
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url")}"` };
}

/** The document of the state in force, rebuilt only when one of its parts is a new object. */
export function cachedTrustDocument(current: () => TrustState): () => TrustDocument {
  let last: { state: TrustState; document: TrustDocument } | undefined;
  return () => {
    const state = current();
    const seen = last?.state;
    const same =
      seen !== undefined &&
      seen.twoddoc === state.twoddoc &&
      seen.dcc === state.dcc &&
      seen.icao === state.icao &&
      seen.ruleSets === state.ruleSets;
    if (!same || last === undefined) last = { state, document: buildTrustDocument(state) };
    return last.document;
  };
}
