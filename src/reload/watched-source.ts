// A value read from files and re-read without a restart (docs/revocation.md, "Inside"): the REVOCATION_LIST and the
// verifier's trust lists and rule sets all reload through this one machinery. Polling, not fs.watch: a Kubernetes
// ConfigMap or Secret volume replaces a file by swapping the `..data` symlink of its directory, which inotify on the
// file's path does not see, and some volume types have no events at all. Every interval each path is resolved
// (realpath) and stat'ed; a new target, inode, size, mtime or ctime means a new version. It is loaded off to the side
// and swapped in with one assignment, so a reader sees the old value or the new one, never a mix. A version that
// does not load leaves the value in force: reported once per version (by place only), never a crash.
import { realpathSync, statSync } from "node:fs";
import { isConverterError } from "../errors.js";

export const POLL_INTERVAL_MS = 1_000;

export interface SourceObserver<T> {
  /** A new value is in force. */
  loaded(value: T): void;
  /** A changed version was refused; `place` names the variable or the line, never content. */
  refused(place: string): void;
}

export interface WatchedSource<T> {
  current(): T;
  /** Starts polling (the services); one-shot commands never call it. */
  watch(observer: SourceObserver<T>, intervalMs?: number): void;
  /** Calls `listener` right after every swap (a refused version calls nothing); returns the unsubscribe function. */
  onSwap(listener: (value: T) => void): () => void;
  close(): void;
}

/** What identifies one version of a file (or `unreadable`). */
export function fileFingerprint(path: string): string {
  try {
    const target = realpathSync(path);
    const stat = statSync(target, { bigint: true });
    return `${target}\0${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return "unreadable";
  }
}

export interface SourceOptions<T> {
  readonly initial: T;
  /** The fingerprint taken before `initial` was read (so a change during that read is still seen); default now. */
  readonly initialFingerprint?: string;
  /** The version of what is read now: any change of it triggers a load. */
  readonly fingerprint: () => string;
  readonly load: () => Promise<T>;
  /** The place reported when a load fails without naming one. */
  readonly field: string;
}

export function watchSource<T>(options: SourceOptions<T>): WatchedSource<T> {
  let current = options.initial;
  let seen = options.initialFingerprint ?? options.fingerprint();
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const listeners = new Set<(value: T) => void>();

  async function poll(observer: SourceObserver<T>): Promise<void> {
    const now = options.fingerprint();
    if (now === seen || busy) return;
    busy = true;
    seen = now;
    try {
      current = await options.load();
    } catch (error) {
      observer.refused(isConverterError(error) && error.field !== undefined ? error.field : options.field);
      return;
    } finally {
      busy = false;
    }
    for (const listener of listeners) listener(current);
    observer.loaded(current);
  }

  return {
    current: () => current,
    watch(observer, intervalMs = POLL_INTERVAL_MS) {
      if (timer !== undefined) return;
      timer = setInterval(() => void poll(observer), intervalMs);
      timer.unref();
    },
    onSwap(listener) {
      const own = (value: T) => listener(value); // its own entry, even if the same function comes twice
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
