// The RFC 9457 problem body of an error code. Its status and title come from the code's one record (src/errors.ts).
import { ERRORS, type ErrorCode } from "../errors.js";

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly instance: string;
  /** The field concerned, when the error names one (never a value). */
  readonly field?: string;
}

/** The RFC 9457 body for a code. `instance` is the request id (never the request path with its query). */
export function toProblem(code: ErrorCode, requestId: string, field?: string): Problem {
  const problem: Problem = {
    type: `urn:dcc-converter:error:${code}`,
    title: ERRORS[code].message,
    status: ERRORS[code].status,
    code,
    instance: `urn:request:${requestId}`,
  };
  return field === undefined ? problem : { ...problem, field };
}
