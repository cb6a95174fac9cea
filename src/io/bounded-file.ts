// Reading a file that operators replace under a running service (REVOCATION_LIST, the verifier's trust lists and
// rules: src/reload/watched-source.ts), without trusting the path to name a well-behaved file. Asynchronous (nothing
// on the event loop), regular files only (a FIFO or a device is refused from its fstat, and is opened O_NONBLOCK so
// that even the open cannot wait for a writer), a bound on the size (checked before a byte is read) and on the time
// any one operation may take. The bytes come through one descriptor, with fstat before and after: a file that changed
// during the read is not returned. An operation past its time bound (a hung network mount) is abandoned, not
// cancelled — no file system call can be — so while it is outstanding every later call fails at once with `stuck`
// instead of blocking another thread.
import { constants } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";
import type { BigIntStats } from "node:fs";

export type FileFailure = "missing" | "not-regular" | "too-large" | "changed" | "timeout" | "stuck" | "unreadable";

export type FileResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: FileFailure };

export interface FileBounds {
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

/** The file system calls used, a port so that a test can hand in one that never answers. */
export interface FileSystem {
  readonly open: typeof open;
  readonly realpath: typeof realpath;
  readonly stat: typeof stat;
}

const NODE_FS: FileSystem = { open, realpath, stat };

export interface BoundedFile {
  /** What the path names now (its target, device, inode, size, mtime and ctime): a new value means a new file. */
  version(): Promise<FileResult<string>>;
  /** The whole file, when it is a regular file within the bounds that did not change while it was read. */
  read(): Promise<FileResult<Buffer>>;
  /** The same, with the version of what was read (what `version` gives for that file). */
  readVersioned(): Promise<FileResult<VersionedBytes>>;
}

export interface VersionedBytes {
  readonly bytes: Buffer;
  readonly version: string;
}

class Failure extends Error {
  constructor(readonly reason: FileFailure) {
    super(reason);
  }
}

const identity = (s: BigIntStats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

function reasonOf(error: unknown): FileFailure {
  if (error instanceof Failure) return error.reason;
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR" ? "missing" : "unreadable";
}

/** What the path names now (its target, device, inode, size, mtime and ctime); a call to put under a time bound. */
export async function fileVersion(path: string, fs: FileSystem = NODE_FS): Promise<string> {
  const target = await fs.realpath(path);
  return `${target}\0${identity(await fs.stat(target, { bigint: true }))}`;
}

/**
 * The whole regular file through one descriptor, unchanged between fstat before and after, with its version (as
 * `fileVersion` gives it for the file read); a call to put under a time bound.
 */
export async function readWhole(path: string, maxBytes: number, fs: FileSystem = NODE_FS): Promise<VersionedBytes> {
  const target = await fs.realpath(path);
  const handle = await fs.open(target, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const before = await handle.stat({ bigint: true });
    if (!before.isFile()) throw new Failure("not-regular");
    if (before.size > BigInt(maxBytes)) throw new Failure("too-large");
    const bytes = Buffer.allocUnsafe(Number(before.size));
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const after = await handle.stat({ bigint: true });
    if (filled !== bytes.length || identity(after) !== identity(before)) throw new Failure("changed");
    return { bytes, version: `${target}\0${identity(after)}` };
  } finally {
    await handle.close();
  }
}

/** The UTF-8 text of bytes read (a Buffer, or its copy posted to another thread, which arrives as a Uint8Array). */
export const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");

/** Runs file system operations one at a time within `timeoutMs`; past it, `timeout`, then `stuck` until it returns. */
export type TimeBound = <T>(operation: () => Promise<T>) => Promise<FileResult<T>>;

export function timeBound(timeoutMs: number): TimeBound {
  let outstanding = false;
  return async function bounded<T>(operation: () => Promise<T>): Promise<FileResult<T>> {
    if (outstanding) return { ok: false, reason: "stuck" };
    const running = operation().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, reason: reasonOf(error) }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(resolve, timeoutMs, "timeout");
    });
    const result = await Promise.race([running, timeout]);
    clearTimeout(timer);
    if (result !== "timeout") return result;
    outstanding = true;
    void running.then(() => {
      outstanding = false;
    });
    return { ok: false, reason: "timeout" };
  };
}

export function boundedFile(path: string, bounds: FileBounds, fs: FileSystem = NODE_FS): BoundedFile {
  const bounded = timeBound(bounds.timeoutMs);
  return {
    version: () => bounded(() => fileVersion(path, fs)),
    read: () => bounded(async () => (await readWhole(path, bounds.maxBytes, fs)).bytes),
    readVersioned: () => bounded(() => readWhole(path, bounds.maxBytes, fs)),
  };
}
