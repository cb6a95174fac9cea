// The one reload machinery (docs/operations.md, "Files reloaded without a restart"): a value read from files and
// re-read without a restart — REVOCATION_LIST in both services, and the verifier's trust lists and rule sets. Polling, not
// fs.watch: a Kubernetes ConfigMap or Secret volume replaces a file by swapping the `..data` symlink of its directory,
// which inotify on the file's path does not see, and some volume types have no events at all. Every interval the
// source's version is taken (realpath and stat, asynchronously, within a time bound: src/io/bounded-file.ts); a new
// target, inode, size, mtime or ctime means a new version. It is read through the bounded reader (regular files only,
// one descriptor, a size and a time bound), parsed off to the side and swapped in with one assignment, so a reader
// sees the old value or the new one, never a mix. A version that cannot be read or does not parse leaves the value in
// force: reported once per version (by place and reason, never content), never a crash. A read past its time bound
// is reported once and abandoned; polling resumes when it returns.
import { boundedFile, type FileBounds, type FileFailure, type FileResult } from "../io/bounded-file.js";
import { ConfigError, isConverterError } from "../errors.js";

export const POLL_INTERVAL_MS = 1_000;

/** Why a changed version was not taken: it did not parse (`invalid`), or could not be read (src/io/bounded-file.ts). */
export type RefusalReason = "invalid" | Exclude<FileFailure, "stuck">;

export interface SourceObserver<T> {
  /** A new value is in force. */
  loaded(value: T): void;
  /** A changed version was refused; `place` names the variable, the file or the line, never content. */
  refused(place: string, reason: RefusalReason): void;
}

export interface WatchedSource<T> {
  current(): T;
  /** Starts polling (the services); one-shot commands never call it. */
  watch(observer: SourceObserver<T>, intervalMs?: number): void;
  /**
   * Calls `listener` right after every swap (a refused version calls nothing) with the value and what it was parsed
   * from (a verification worker parses the same bytes: src/workers/verification-pool.ts); returns the unsubscribe function.
   */
  onSwap(listener: (value: T, raw: unknown) => void): () => void;
  /** What the value in force was parsed from; none for a fixed source. */
  readonly raw?: () => unknown;
  close(): void;
}

/** Where a source's bytes come from: one file (`fileSource`) or a folder of them (src/rules/rules-folder.ts). */
export interface SourceFiles<R> {
  /** What the files are now: a new value is a new version. */
  version(): Promise<FileResult<string>>;
  /** What they hold, with the version read (what `version` gives for the files read: the same file is not read twice). */
  read(): Promise<FileResult<{ readonly raw: R; readonly version: string }>>;
}

/** One file through the bounded reader. */
export function fileSource(path: string, bounds: FileBounds): SourceFiles<Buffer> {
  const file = boundedFile(path, bounds);
  return {
    version: () => file.version(),
    read: async () => {
      const read = await file.readVersioned();
      return read.ok ? { ok: true, value: { raw: read.value.bytes, version: read.value.version } } : read;
    },
  };
}

export interface SourceOptions<R, T> {
  /** The variable that names the source: the place reported when a failure names none. */
  readonly field: string;
  readonly files: SourceFiles<R>;
  /** A version's value; throws (a ConverterError naming its place) when it does not parse. */
  readonly parse: (raw: R) => T | Promise<T>;
  /** The parse at start, when it differs (in one go, where a reload yields to the event loop). */
  readonly parseAtStart?: (raw: R) => T;
}

/** A source that never changes: what a development default is. */
export function fixedSource<T>(value: T): WatchedSource<T> {
  return { current: () => value, watch: () => undefined, onSwap: () => () => undefined, close: () => undefined };
}

/** Reads the source at start: unreadable or invalid stops the start (ConfigError naming the field, or the parser's place). */
export async function openSource<R, T>(options: SourceOptions<R, T>): Promise<WatchedSource<T>> {
  const { field, files, parse } = options;
  const read = await files.read();
  if (!read.ok) throw new ConfigError("ERR_CONFIG", { field, cause: new Error(read.reason) });
  let seen = read.value.version;
  let current = (options.parseAtStart ?? parse)(read.value.raw) as T;
  let raw = read.value.raw;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const listeners = new Set<(value: T, raw: R) => void>();
  const placeOf = (error: unknown) => (isConverterError(error) && error.field !== undefined ? error.field : field);

  /** Reads and parses the changed version: the new value in force, or the refusal reported (changed mid-read: read again). */
  async function reload(observer: SourceObserver<T>): Promise<void> {
    const read = await files.read();
    if (!read.ok) {
      // Changed mid-read, or not read in time: read again once the path answers (a timeout is reported each time).
      if (read.reason === "changed" || read.reason === "stuck" || read.reason === "timeout") seen = read.reason;
      if (read.reason !== "changed" && read.reason !== "stuck") observer.refused(field, read.reason);
      return;
    }
    seen = read.value.version; // what was read, even if the path changed since the poll: read once, reported once
    try {
      current = await parse(read.value.raw);
    } catch (error) {
      observer.refused(placeOf(error), "invalid");
      return;
    }
    raw = read.value.raw;
    for (const listener of listeners) listener(current, raw);
    observer.loaded(current);
  }

  async function poll(observer: SourceObserver<T>): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const now = await files.version();
      if (now.ok) {
        if (now.value === seen) return;
        seen = now.value;
        await reload(observer);
      } else if (now.reason !== "stuck" && seen !== `failed:${now.reason}`) {
        seen = `failed:${now.reason}`;
        observer.refused(field, now.reason);
      }
    } finally {
      busy = false;
    }
  }

  return {
    current: () => current,
    raw: () => raw,
    watch(observer, intervalMs = POLL_INTERVAL_MS) {
      if (timer !== undefined) return;
      timer = setInterval(() => void poll(observer), intervalMs);
      timer.unref();
    },
    onSwap(listener) {
      const own = (value: T, from: R) => listener(value, from); // its own entry, even if the same function comes twice
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** A source another thread reads and hands over (a verification worker's): `replace` parses what was swapped in there. */
export interface PushedSource<T> extends WatchedSource<T> {
  replace(raw: unknown): void;
}

export function pushedSource<R, T>(raw: R, parse: (raw: R) => T): PushedSource<T> {
  let current = parse(raw);
  return {
    current: () => current,
    watch: () => undefined,
    onSwap: () => () => undefined,
    close: () => undefined,
    replace(next) {
      try {
        current = parse(next as R); // parsed already by the thread that read it: the same bytes give the same value
      } catch {
        // that thread reported it; this one keeps the value in force, as that thread would have
      }
    },
  };
}
