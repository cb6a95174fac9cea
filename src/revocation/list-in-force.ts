// The REVOCATION_LIST in force, re-read without a restart (docs/revocation.md, "Inside").
// Polling, not fs.watch: a Kubernetes ConfigMap or Secret volume replaces the file by swapping the `..data`
// symlink of its directory, which inotify on the file's path does not see, and some volume types have no events
// at all. Every second the path is resolved (realpath) and stat'ed, asynchronously and within a time bound
// (src/io/bounded-file.ts); a new target, inode, size, mtime or ctime means a new file. It is read through one
// descriptor (a regular file only, within a size and a time bound, unchanged during the read), parsed off to the
// side, a slice at a time between turns of the event loop, and swapped in with one assignment, so a conversion sees
// the old list or the new one, never a mix. A file that does not parse (an emptied or cut file lacks its `# end <N>`
// line), or cannot be read, leaves the list in force: reported once per version of the file (by line number or
// reason only), never a crash. A read past its time bound is reported once and abandoned; polling resumes when it
// returns. `share` hands the stores in force, in shared memory, to whoever needs them in another thread, at once
// and after every swap.
import { boundedFile, type FileBounds, type FileFailure } from "../io/bounded-file.js";
import { ConfigError, isConverterError } from "../errors.js";
import type { HashType } from "./hashes.js";
import { parseRevocationList, parseRevocationListInSlices } from "./list-file.js";
import { EMPTY_STORES, entriesOf, isRevokedIn, shareStores, type RevocationCheck, type RevocationSubject, type SharedListStores } from "./revocation-list.js";

export const POLL_INTERVAL_MS = 1_000;

/**
 * Millions of entries fit (a `2DDOC` line is 71 bytes; BENCHMARKS.md, "Revocation list"); a read of the largest takes
 * a few seconds even from a slow volume: past these bounds the file is refused, the list in force stays.
 */
export const LIST_FILE_BOUNDS: FileBounds = { maxBytes: 512 * 1024 * 1024, timeoutMs: 20_000 };

/** Why a changed file was not taken: it did not parse (`invalid`), or could not be read (src/io/bounded-file.ts). */
export type RefusalReason = "invalid" | Exclude<FileFailure, "stuck">;

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
export async function openRevocationList(path: string, bounds: FileBounds = LIST_FILE_BOUNDS): Promise<RevocationList> {
  const file = boundedFile(path, bounds);
  const version = await file.version();
  let seen = version.ok ? version.value : `failed:${version.reason}`;
  const bytes = await file.read();
  if (!bytes.ok) throw new ConfigError("ERR_CONFIG", { field: "REVOCATION_LIST", cause: new Error(bytes.reason) });
  let current = parseRevocationList(bytes.value);
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const listeners = new Set<(stores: SharedListStores) => void>();

  /** Reads and parses the changed file: the new list in force, or the refusal reported (a file changed mid-read: read again). */
  async function reload(observer: ReloadObserver): Promise<void> {
    const read = await file.read();
    if (!read.ok) {
      // Changed mid-read, or not read in time: read again once the path answers (a timeout is reported each time).
      if (read.reason === "changed" || read.reason === "stuck" || read.reason === "timeout") seen = read.reason;
      if (read.reason !== "changed" && read.reason !== "stuck") observer.refused("REVOCATION_LIST", read.reason);
      return;
    }
    try {
      current = await parseRevocationListInSlices(read.value);
    } catch (error) {
      observer.refused(placeOf(error), "invalid");
      return;
    }
    const shared = shareStores(current);
    for (const listener of listeners) listener(shared);
    observer.loaded(entriesOf(current));
  }

  async function poll(observer: ReloadObserver): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const now = await file.version();
      if (now.ok) {
        if (now.value === seen) return;
        seen = now.value;
        await reload(observer);
      } else if (now.reason !== "stuck" && seen !== `failed:${now.reason}`) {
        seen = `failed:${now.reason}`;
        observer.refused("REVOCATION_LIST", now.reason);
      }
    } finally {
      busy = false;
    }
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
