// The REVOCATION_LIST in force, re-read without a restart (docs/revocation.md, "Inside"), through the one reload
// machinery (src/reload/watched-source.ts): polled, parsed off to the side a slice at a time between turns of the
// event loop, swapped in with one assignment; a file that does not parse, or cannot be read, leaves the list in force
// (reported by line number only). `share` hands the stores in force, in shared memory, to whoever needs them in
// another thread, at once and after every swap.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { ConfigError, isConverterError } from "../errors.js";
import type { HashType } from "./hashes.js";
import { parseRevocationList, parseRevocationListInSlices, type ListStores } from "./list-file.js";
import { EMPTY_STORES, entriesOf, isRevokedIn, shareStores, type RevocationCheck, type RevocationSubject, type SharedListStores } from "./revocation-list.js";
import { fileFingerprint, watchSource } from "../reload/watched-source.js";

export { POLL_INTERVAL_MS } from "../reload/watched-source.js";

export interface ReloadObserver {
  /** A new list is in force. */
  loaded(entries: Readonly<Record<HashType, number>>): void;
  /** A changed file was refused; `place` is `REVOCATION_LIST line N` or `REVOCATION_LIST` (never content). */
  refused(place: string): void;
}

export interface RevocationList extends RevocationCheck {
  entries(): Readonly<Record<HashType, number>>;
  /** Starts polling the file (the service); one-shot commands never call it. */
  watch(observer: ReloadObserver, intervalMs?: number): void;
  /**
   * Calls `listener` at once with the stores in force, then right after every swap (a refused file changes nothing,
   * so calls nothing); returns the unsubscribe function. The listener runs in the reload: it posts, it does not throw.
   */
  share(listener: (stores: SharedListStores) => void): () => void;
  close(): void;
}

/** An empty list: REVOCATION_LIST is not set. */
export function emptyRevocationList(): RevocationList {
  return {
    isRevoked: () => false,
    entries: () => entriesOf(EMPTY_STORES),
    watch: () => undefined,
    share(listener) {
      listener(shareStores(EMPTY_STORES));
      return () => undefined;
    },
    close: () => undefined,
  };
}

/** Reads the list at start: unreadable or invalid stops the start (ConfigError naming REVOCATION_LIST). */
export function openRevocationList(path: string): RevocationList {
  const fingerprint = () => fileFingerprint(path);
  const seen = fingerprint();
  let initial: ListStores;
  try {
    initial = parseRevocationList(readFileSync(path));
  } catch (cause) {
    throw isConverterError(cause) ? cause : new ConfigError("ERR_CONFIG", { field: "REVOCATION_LIST", cause });
  }
  const source = watchSource({
    initial,
    initialFingerprint: seen,
    fingerprint,
    load: async () => parseRevocationListInSlices(await readFile(path)),
    field: "REVOCATION_LIST",
  });
  return {
    isRevoked: (subject: RevocationSubject) => isRevokedIn(source.current(), subject),
    entries: () => entriesOf(source.current()),
    watch(observer, intervalMs) {
      source.watch({ loaded: (stores) => observer.loaded(entriesOf(stores)), refused: (place) => observer.refused(place) }, intervalMs);
    },
    share(listener) {
      listener(shareStores(source.current()));
      return source.onSwap((stores) => listener(shareStores(stores)));
    },
    close: () => source.close(),
  };
}
