// Errors across a worker boundary (the vault's, the prepare workers'), both sides: the worker sends a code and
// a field — never a message, never a value (`errorReply`); the caller rebuilds the class the code belongs to
// (`rebuildError`), so callers and src/http/problem.ts see what the same code on their thread would have thrown.
import { HsmError, errorOf, isConverterError, isErrorCode } from "../errors.js";
import type { ConverterError, ErrorCode } from "../errors.js";

/** What crosses the boundary for a failure. */
export interface ErrorReply {
  readonly code: string;
  readonly field?: string;
}

/** The worker's side: a product error keeps its code and field; anything else becomes `fallback`. */
export function errorReply(error: unknown, fallback: ErrorCode): { readonly code: ErrorCode; readonly field?: string } {
  if (!isConverterError(error)) return { code: fallback };
  return error.field === undefined ? { code: error.code } : { code: error.code, field: error.field };
}

/** The caller's side: the class the code's record names (src/errors.ts), with the same field. */
export function rebuildError(reply: ErrorReply): ConverterError {
  // Fail closed: a code this build does not know is an outage, not a pass-through.
  if (!isErrorCode(reply.code)) return new HsmError("ERR_HSM_UNAVAILABLE");
  return errorOf(reply.code, reply.field === undefined ? {} : { field: reply.field });
}
