// An output that cannot be written (the service contract §5): a full disk, a closed pipe, a missing permission. Not a
// product refusal: it has no HTTP status and no place in src/errors.ts. The command line stops with one line naming the
// output and the system's cause, and exit 2 (README.md, "Command line"); the service names its failing log destination
// the same way (src/log-destination.ts).

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

/** `cannot write <output>: <cause> (<CODE>)`: the output as the operator names it, never a value of the input. */
export function writeFailure(output: string, error: unknown): string {
  const code = systemCode(error);
  return `cannot write ${output}: ${CAUSES[code] ?? "system error"} (${code})`;
}

export class OutputError extends Error {
  /** The output as the operator named it (`OUT`, `standard output`, `results.ndjson`), never a path from the input. */
  readonly output: string;
  /** The system's code: ENOSPC, EPIPE, EACCES, EIO … */
  readonly systemCode: string;

  constructor(output: string, cause: unknown) {
    super(writeFailure(output, cause));
    this.output = output;
    this.systemCode = systemCode(cause);
  }

  override get name(): string {
    return "OutputError";
  }
}

export function isOutputError(error: unknown): error is OutputError {
  return error instanceof OutputError;
}
