// Computing revocations (docs/revocation.md): for each item — a 2D-DOC or a UVCI — the UVCI, its EU hashes and
// the REVOCATION_LIST lines. A document goes through the conversion's own stages up to and including its UVCI
// (normalise, parse, verify, map, keyed hash in the HSM), so an unconvertible one gets the refusal a conversion
// would get; a revoked one still gets its hashes (revoking twice is not an error). Nothing is stored or logged.
import { identifyDocument, type PreparedConversion } from "../convert.js";
import { hasValidCheckCharacter, matchesUvciGrammar } from "../dcc/uvci.js";
import { DccError, HTTP_STATUS, isConverterError, type ErrorCode } from "../errors.js";
import type { UvciHashing } from "../dcc/signing.js";
import { mapOrdered } from "../batch/map-ordered.js";
import { ISSUER_COUNTRY } from "../dcc/cwt.js";
import { digestsOf, EU_HASH_TYPES, hashText, type EuHashType } from "./hashes.js";

export type ItemSource = "document" | "uvci";

export interface RevocationItem {
  readonly source: ItemSource;
  /** Position within its own source list (`documents` or `uvcis`). */
  readonly index: number;
  readonly input: string;
}

export interface RevokedEntry {
  readonly index: number;
  readonly source: ItemSource;
  readonly uvci: string;
  readonly hashes: Readonly<Record<EuHashType, string>>;
  readonly listLines: readonly string[];
}

export interface RefusedEntry {
  readonly index: number;
  readonly source: ItemSource;
  readonly error: { readonly code: ErrorCode; readonly status: number };
}

export type RevocationEntry = RevokedEntry | RefusedEntry;

export interface RevokeDeps {
  readonly prepare: (input: string) => Promise<PreparedConversion>;
  readonly vault: UvciHashing;
}

/** A UVCI given directly: grammar and check character (eHealth Network UVCI guidelines, Annex 2), French, the check present: we always write one. */
export function checkUvci(uvci: string): string {
  if (!matchesUvciGrammar(uvci)) throw new DccError("ERR_UVCI_SYNTAX");
  if (uvci.slice(12, 14) !== ISSUER_COUNTRY) throw new DccError("ERR_UVCI_NOT_FRENCH");
  if (!hasValidCheckCharacter(uvci)) throw new DccError("ERR_UVCI_CHECKSUM");
  return uvci;
}

export function entryFor(item: RevocationItem, uvci: string, sourceBytes?: Uint8Array): RevokedEntry {
  const digests = digestsOf(uvci, sourceBytes);
  const hashes = { UCI: hashText("UCI", digests.UCI), COUNTRYCODEUCI: hashText("COUNTRYCODEUCI", digests.COUNTRYCODEUCI) };
  const document = digests["2DDOC"];
  const lines = EU_HASH_TYPES.map((type) => `${type}:${hashes[type]}`);
  if (document !== undefined) lines.push(`2DDOC:${hashText("2DDOC", document)}`);
  return { index: item.index, source: item.source, uvci, hashes, listLines: lines };
}

export function refusedEntry(item: Pick<RevocationItem, "index" | "source">, code: ErrorCode): RefusedEntry {
  return { index: item.index, source: item.source, error: { code, status: HTTP_STATUS[code] } };
}

/** One item → its entry; a product refusal becomes the item's error, anything else is rethrown. */
export async function revokeItem(item: RevocationItem, deps: RevokeDeps): Promise<RevocationEntry> {
  try {
    if (item.source === "uvci") return entryFor(item, checkUvci(item.input));
    const prepared = await deps.prepare(item.input);
    return entryFor(item, await identifyDocument(prepared, deps), prepared.sourceBytes);
  } catch (error) {
    if (isConverterError(error)) return refusedEntry(item, error.code);
    throw error;
  }
}

export function isRevokedEntry(entry: RevocationEntry): entry is RevokedEntry {
  return "uvci" in entry;
}

/** Documents in flight at once: enough to keep the conversion workers and the HSM sessions busy. */
const CONCURRENCY = 64;

/** Every item, in order, with bounded concurrency (src/batch/map-ordered.ts). */
export async function revokeAll(items: readonly RevocationItem[], deps: RevokeDeps): Promise<RevocationEntry[]> {
  const entries: RevocationEntry[] = [];
  for await (const entry of mapOrdered(items, (item) => revokeItem(item, deps), CONCURRENCY)) entries.push(entry);
  return entries;
}
