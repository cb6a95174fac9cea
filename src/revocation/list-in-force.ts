// The REVOCATION_LIST in force, re-read without a restart (docs/revocation.md, "Inside") through the one reload
// machinery (src/reload/watched-source.ts: polled, read through the bounded reader, a refused version keeping the
// list in force, reported once per version by line number or reason only). A reload parses the file a slice at a
// time between turns of the event loop; the start reads it in one go. `share` hands the stores in force, in shared
// memory, to whoever needs them in another thread, at once and after every swap.
import type { FileBounds } from "../io/bounded-file.js";
import { fileSource, openSource, POLL_INTERVAL_MS, type RefusalReason } from "../reload/watched-source.js";
import type { HashType } from "./hashes.js";
import { parseRevocationList, parseRevocationListInSlices } from "./list-file.js";
import type { ListStores } from "./list-file.js";
import {
  EMPTY_STORES,
  entriesOf,
  isRevokedIn,
  shareStores,
  type RevocationCheck,
  type RevocationSubject,
  type SharedListStores,
} from "./revocation-list.js";

export type { RefusalReason };

/**
 * Millions of entries fit (a `2DDOC` line is 71 bytes; BENCHMARKS.md, "Revocation list"); a read of the largest takes
 * a few seconds even from a slow volume: past these bounds the file is refused, the list in force stays.
 */
export const LIST_FILE_BOUNDS: FileBounds = { maxBytes: 512 * 1024 * 1024, timeoutMs: 20_000 };

export interface ReloadObserver {
  /** A new list is in force. */
  loaded(entries: Readonly<Record<HashType, number>>): void;
  /** A changed file was refused; `place` is `REVOCATION_LIST line N`, `REVOCATION_LIST end` or `REVOCATION_LIST` (never content). */
  refused(place: string, reason: RefusalReason): void;
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
export async function openRevocationList(path: string, bounds: FileBounds = LIST_FILE_BOUNDS): Promise<RevocationList> {
  const source = await openSource<Buffer, ListStores>({
    field: "REVOCATION_LIST",
    files: fileSource(path, bounds),
    parse: parseRevocationListInSlices,
    parseAtStart: parseRevocationList,
  });
  const listeners = new Set<(stores: SharedListStores) => void>();
  // One copy into shared memory per swap, whoever listens.
  source.onSwap((stores) => {
    const shared = shareStores(stores);
    for (const listener of listeners) listener(shared);
  });
  return {
    isRevoked: (subject: RevocationSubject) => isRevokedIn(source.current(), subject),
    entries: () => entriesOf(source.current()),
    watch(observer, intervalMs = POLL_INTERVAL_MS) {
      const refused = (place: string, reason: RefusalReason) => observer.refused(place, reason);
      source.watch({ loaded: (stores) => observer.loaded(entriesOf(stores)), refused }, intervalMs);
    },
    share(listener) {
      const own = (stores: SharedListStores) => listener(stores); // its own entry, even if the same function comes twice
      listener(shareStores(source.current()));
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    close: () => source.close(),
  };
}
