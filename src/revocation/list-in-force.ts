// The REVOCATION_LIST in force, re-read without a restart (docs/revocation.md, "Inside").
// Polling, not fs.watch: a Kubernetes ConfigMap or Secret volume replaces the file by swapping the `..data`
// symlink of its directory, which inotify on the file's path does not see, and some volume types have no events
// at all. Every second the path is resolved (realpath) and stat'ed; a new target, inode, size, mtime or ctime
// means a new file. It is read and parsed off to the side, a slice at a time between turns of the event loop, and
// swapped in with one assignment, so a conversion sees the old list or the new one, never a mix. A file that does
// not parse, or cannot be read, leaves the list in force: reported once per version of the file (by line number
// only), never a crash. `share` hands the stores in force, in shared memory, to whoever needs them in another
// thread, at once and after every swap.
import { readFileSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { ConfigError, isConverterError } from "../errors.js";
import type { HashType } from "./hashes.js";
import { parseRevocationList, parseRevocationListInSlices, type ListStores } from "./list-file.js";
import { EMPTY_STORES, entriesOf, isRevokedIn, shareStores, type RevocationCheck, type RevocationSubject, type SharedListStores } from "./revocation-list.js";

export const POLL_INTERVAL_MS = 1_000;

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

function fingerprint(path: string): string {
  try {
    const target = realpathSync(path);
    const stat = statSync(target, { bigint: true });
    return `${target}\0${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return "unreadable";
  }
}

function placeOf(error: unknown): string {
  return isConverterError(error) && error.field !== undefined ? error.field : "REVOCATION_LIST";
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
  let seen = fingerprint(path);
  let current: ListStores;
  try {
    current = parseRevocationList(readFileSync(path));
  } catch (cause) {
    throw isConverterError(cause) ? cause : new ConfigError("ERR_CONFIG", { field: "REVOCATION_LIST", cause });
  }
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const listeners = new Set<(stores: SharedListStores) => void>();

  async function poll(observer: ReloadObserver): Promise<void> {
    const now = fingerprint(path);
    if (now === seen || busy) return;
    busy = true;
    seen = now;
    try {
      current = await parseRevocationListInSlices(await readFile(path));
    } catch (error) {
      observer.refused(placeOf(error));
      return;
    } finally {
      busy = false;
    }
    const shared = shareStores(current);
    for (const listener of listeners) listener(shared);
    observer.loaded(entriesOf(current));
  }

  return {
    isRevoked: (subject: RevocationSubject) => isRevokedIn(current, subject),
    entries: () => entriesOf(current),
    watch(observer, intervalMs = POLL_INTERVAL_MS) {
      if (timer !== undefined) return;
      timer = setInterval(() => void poll(observer), intervalMs);
      timer.unref();
    },
    share(listener) {
      const own = (stores: SharedListStores) => listener(stores); // its own entry, even if the same function comes twice
      listener(shareStores(current));
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
