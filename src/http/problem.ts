// The one table from error code to HTTP status, and the RFC 9457 problem body.
// A Record over every ErrorCode: a new code without a status does not compile.
import type { ErrorCode } from "../errors.js";
import { ERROR_MESSAGES } from "../errors.js";

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  ERR_REQUEST_MALFORMED: 400,
  ERR_REQUEST_TOO_LARGE: 413,
  ERR_REQUEST_CONTENT_TYPE: 415,
  ERR_NOT_FOUND: 404,
  ERR_METHOD_NOT_ALLOWED: 405,
  ERR_NOT_ACCEPTABLE: 406,
  ERR_AUTH_MISSING: 401,
  ERR_AUTH_INVALID: 401,
  ERR_AUTH_SCOPE: 403,
  ERR_RATE_LIMITED: 429,
  ERR_BATCH_LINE: 400,
  ERR_BATCH_TOO_LARGE: 413,
  ERR_OVERLOADED: 503,
  ERR_SHUTTING_DOWN: 503,

  // README, HTTP API: 400 = malformed request or undecodable 2D-DOC (incl. a signature zone that is not base32)
  ERR_2DDOC_EMPTY: 400,
  ERR_2DDOC_TOO_LONG: 400,
  ERR_2DDOC_ENCODING: 400,
  ERR_2DDOC_MARKER: 400,
  ERR_2DDOC_VERSION: 400,
  ERR_2DDOC_HEADER: 400,
  ERR_2DDOC_MESSAGE: 400,
  ERR_2DDOC_FIELD: 400,
  ERR_2DDOC_NO_SIGNATURE: 400,
  ERR_2DDOC_SIGNATURE_ENCODING: 400,

  // README, HTTP API: 422 = a well-formed 2D-DOC that must not be converted
  ERR_2DDOC_SIGNATURE: 422,
  ERR_2DDOC_UNKNOWN_SIGNER: 422,
  ERR_2DDOC_SIGNER_NOT_VALID: 422,
  ERR_2DDOC_NOT_FRENCH: 422,
  ERR_2DDOC_DOCUMENT_TYPE: 422,
  ERR_REVOKED: 422,
  ERR_UVCI_SYNTAX: 400,
  ERR_UVCI_CHECKSUM: 400,
  ERR_UVCI_NOT_FRENCH: 422,
  ERR_MAPPING_UNKNOWN_CODE: 422,
  ERR_MAPPING_INVALID_FIELD: 422,
  ERR_MAPPING_INVALID_DATE: 422,
  ERR_MAPPING_ANTIGEN_TEST: 422,
  ERR_MAPPING_SEROLOGY_TEST: 422,
  ERR_MAPPING_TEST_RESULT: 422,
  ERR_MAPPING_POSITIVE_TEST: 422,

  ERR_DCC_PAYLOAD: 422,
  ERR_DCC_VALUE_SET: 422,
  ERR_DCC_PLAUSIBILITY: 422,
  ERR_DCC_TYPE_NOT_ISSUABLE: 422,
  ERR_DCC_NO_SIGNER: 503,

  ERR_HC1_PREFIX: 422,
  ERR_HC1_BASE45: 422,
  ERR_HC1_ZLIB: 422,
  ERR_COSE_FORMAT: 422,
  ERR_COSE_UNKNOWN_KID: 422,
  ERR_COSE_ALGORITHM: 422,
  ERR_COSE_SIGNATURE: 422,
  ERR_CWT_CLAIMS: 422,
  ERR_CWT_EXPIRED: 422,
  ERR_DCC_SCHEMA: 422,
  ERR_DSC_KEY_USAGE: 422,

  ERR_TAC_SOURCE: 400,
  ERR_TAC_KEY_ALIAS: 400,
  ERR_TAC_CLIENT_KEY: 400,
  ERR_TAC_DECRYPT: 400,

  // README, HTTP API: 503 = no signing possible, with Retry-After
  ERR_HSM_UNAVAILABLE: 503,
  ERR_HSM_KEY: 503,

  ERR_CONFIG: 500,
  ERR_INTERNAL: 500,
});

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
    title: ERROR_MESSAGES[code],
    status: HTTP_STATUS[code],
    code,
    instance: `urn:request:${requestId}`,
  };
  return field === undefined ? problem : { ...problem, field };
}
