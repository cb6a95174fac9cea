// An output the command line cannot write (the service contract §5, "an output that cannot be written"): a full disk,
// a closed pipe, a missing permission. Not a product refusal: it has no HTTP status and no place in src/errors.ts; the
// command stops with one line naming the output and the system's cause, and exit 2 (README.md, "Command line").

/** The system causes an operator meets, in words; any other code is named as the system gives it. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EPIPE: "the reader closed the pipe",
  ECONNRESET: "the reader closed the connection",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  EIO: "input/output error",
  ENOENT: "no such file or directory",
  EEXIST: "the file already exists",
};

/** The system error code of a failed write (`ENOSPC` …), or `EIO` when the error carries none. */
export function systemCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) ? code : "EIO";
}

export class OutputError extends Error {
  /** The output as the operator named it (`OUT`, `standard output`, `results.ndjson`), never a path from the input. */
  readonly output: string;
  /** The system's code: ENOSPC, EPIPE, EACCES, EIO … */
  readonly systemCode: string;

  constructor(output: string, cause: unknown) {
    const code = systemCode(cause);
    super(`cannot write ${output}: ${CAUSES[code] ?? "system error"} (${code})`);
    this.output = output;
    this.systemCode = code;
  }

  override get name(): string {
    return "OutputError";
  }
}

export function isOutputError(error: unknown): error is OutputError {
  return error instanceof OutputError;
}
