// Errors across a worker boundary (the vault's, the prepare workers'), both sides: the worker sends a code and
// a field — never a message, never a value (`errorReply`); the caller rebuilds the class the code belongs to
// (`rebuildError`), so callers and src/http/problem.ts see what the same code on their thread would have thrown.
import { ConfigError, ConverterError, DccError, ERROR_MESSAGES, HsmError, MappingError, RequestError, TwoDDocError, isConverterError } from "../errors.js";
import type { ErrorCode } from "../errors.js";

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

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code);
}

export function rebuildError(reply: ErrorReply): ConverterError {
  // Fail closed: a code this build does not know is an outage, not a pass-through.
  if (!isErrorCode(reply.code)) return new HsmError("ERR_HSM_UNAVAILABLE");
  const details = reply.field === undefined ? {} : { field: reply.field };
  const code = reply.code;
  if (code.startsWith("ERR_HSM_")) return new HsmError(code, details);
  if (code === "ERR_CONFIG") return new ConfigError(code, details);
  if (code.startsWith("ERR_2DDOC_")) return new TwoDDocError(code, details);
  if (code.startsWith("ERR_MAPPING_")) return new MappingError(code, details);
  if (code.startsWith("ERR_DCC_") || code.startsWith("ERR_HC1_") || code.startsWith("ERR_COSE_") || code.startsWith("ERR_CWT_") || code === "ERR_DSC_KEY_USAGE") {
    return new DccError(code, details);
  }
  if (code === "ERR_INTERNAL") return new ConverterError(code, details);
  return new RequestError(code, details); // ERR_TAC_*, ERR_REQUEST_*, ERR_AUTH_*, ERR_BATCH_* …
}
