// The one error module of dcc-converter: every refusal the product can give has a stable code, and each code
// has ONE record here — its HTTP status (RFC 9457 §3.1.2), its class, and its fixed sentence. The record is
// checked by the compiler: a code without all three does not compile. Messages may name a field (`L5`,
// `v[0].mp`) but never carry a value from the input. Programmer mistakes stay TypeError.
//
// Statuses (docs/operations.md): 400 undecodable or malformed request, 422 well-formed but refused, 503 no
// signing possible right now (with Retry-After), 500 a configuration or internal fault.

/** The classes an error code may belong to (defined below; `errorOf` builds the right one from a code). */
export type ErrorClassName = "ConverterError" | "TwoDDocError" | "MappingError" | "DccError" | "HsmError" | "ConfigError" | "RequestError";

export interface ErrorRecord {
  readonly status: 400 | 401 | 403 | 404 | 405 | 406 | 413 | 415 | 422 | 429 | 500 | 503;
  readonly class: ErrorClassName;
  readonly message: string;
}

/** Every stable error code: one line each, `{ status, class, message }`. */
export const ERRORS = {
  // --- request envelope (HTTP, CLI) ---
  ERR_REQUEST_MALFORMED: { status: 400, class: "RequestError", message: "The request is not well-formed." },
  ERR_REQUEST_TOO_LARGE: { status: 413, class: "RequestError", message: "The request body is too large." },
  ERR_REQUEST_CONTENT_TYPE: { status: 415, class: "RequestError", message: "The request content type is not supported." },
  ERR_NOT_FOUND: { status: 404, class: "RequestError", message: "No such resource." },
  ERR_METHOD_NOT_ALLOWED: { status: 405, class: "RequestError", message: "The method is not allowed on this resource." },
  ERR_NOT_ACCEPTABLE: { status: 406, class: "RequestError", message: "None of the accepted media types can be produced." },
  ERR_AUTH_MISSING: { status: 401, class: "RequestError", message: "An API key is required." },
  ERR_AUTH_INVALID: { status: 401, class: "RequestError", message: "The API key is not valid." },
  ERR_AUTH_SCOPE: { status: 403, class: "RequestError", message: "The API key does not allow this operation." },
  ERR_RATE_LIMITED: { status: 429, class: "RequestError", message: "Too many requests; retry later." },
  ERR_BATCH_LINE: {
    status: 400,
    class: "RequestError",
    message: "The batch line is not a JSON object with a string id and a string document.",
  },
  ERR_BATCH_TOO_LARGE: { status: 413, class: "RequestError", message: "The batch exceeds its line or byte limit." },
  ERR_OVERLOADED: { status: 503, class: "RequestError", message: "The service is at capacity; retry later." },
  ERR_FORMAT: { status: 400, class: "RequestError", message: "The format is not one of dcc and icao." },
  ERR_FORMAT_OFF: { status: 422, class: "RequestError", message: "This format is not configured on this service." },
  ERR_SHUTTING_DOWN: { status: 503, class: "RequestError", message: "The service is shutting down; retry later." },

  // --- 2D-DOC: input, syntax (undecodable) ---
  ERR_2DDOC_EMPTY: { status: 400, class: "TwoDDocError", message: "The 2D-DOC is empty." },
  ERR_2DDOC_TOO_LONG: { status: 400, class: "TwoDDocError", message: "The 2D-DOC is longer than any 2D-DOC can be." },
  ERR_2DDOC_ENCODING: { status: 400, class: "TwoDDocError", message: "The 2D-DOC contains characters or escapes that are not allowed." },
  ERR_2DDOC_MARKER: { status: 400, class: "TwoDDocError", message: "The 2D-DOC does not start with the DC marker." },
  ERR_2DDOC_VERSION: {
    status: 400,
    class: "TwoDDocError",
    message: "The 2D-DOC version or form is not supported (only C40 versions 02, 03 and 04).",
  },
  ERR_2DDOC_HEADER: { status: 400, class: "TwoDDocError", message: "The 2D-DOC header is truncated or malformed." },
  ERR_2DDOC_MESSAGE: { status: 400, class: "TwoDDocError", message: "The 2D-DOC message zone is malformed." },
  ERR_2DDOC_FIELD: { status: 400, class: "TwoDDocError", message: "A 2D-DOC field does not follow its length or character rules." },
  ERR_2DDOC_NO_SIGNATURE: { status: 400, class: "TwoDDocError", message: "The 2D-DOC has no signature zone." },
  ERR_2DDOC_SIGNATURE_ENCODING: {
    status: 400,
    class: "TwoDDocError",
    message: "The 2D-DOC signature zone is not valid base32 of the expected length.",
  },

  // --- 2D-DOC: trust (well-formed but refused) ---
  ERR_2DDOC_SIGNATURE: { status: 422, class: "TwoDDocError", message: "The 2D-DOC signature is not valid." },
  ERR_2DDOC_UNKNOWN_SIGNER: { status: 422, class: "TwoDDocError", message: "The 2D-DOC signer is not in the trust list." },
  ERR_2DDOC_SIGNER_NOT_VALID: {
    status: 422,
    class: "TwoDDocError",
    message: "The 2D-DOC signer certificate was not valid at the document's signature date.",
  },
  ERR_2DDOC_NOT_FRENCH: { status: 422, class: "TwoDDocError", message: "The 2D-DOC was not issued for France." },
  ERR_2DDOC_DOCUMENT_TYPE: {
    status: 422,
    class: "TwoDDocError",
    message: "The 2D-DOC document type cannot be converted (only B2 and L1).",
  },
  ERR_REVOKED: { status: 422, class: "DccError", message: "The certificate has been revoked." },
  ERR_UVCI_SYNTAX: { status: 400, class: "DccError", message: "The UVCI does not follow the UVCI grammar." },
  ERR_UVCI_CHECKSUM: { status: 400, class: "DccError", message: "The UVCI check character is missing or wrong." },
  ERR_UVCI_NOT_FRENCH: { status: 422, class: "DccError", message: "The UVCI was not issued for France." },

  // --- mapping 2D-DOC fields -> DCC payload ---
  ERR_MAPPING_UNKNOWN_CODE: { status: 422, class: "MappingError", message: "A 2D-DOC field holds a value that no mapping table knows." },
  ERR_MAPPING_INVALID_FIELD: {
    status: 422,
    class: "MappingError",
    message: "A 2D-DOC field holds a value the conversion rules cannot use.",
  },
  ERR_MAPPING_INVALID_DATE: { status: 422, class: "MappingError", message: "A 2D-DOC date field holds an impossible date." },
  ERR_MAPPING_ANTIGEN_TEST: {
    status: 422,
    class: "MappingError",
    message: "Antigen tests cannot be converted: the 2D-DOC does not carry the test device.",
  },
  ERR_MAPPING_SEROLOGY_TEST: { status: 422, class: "MappingError", message: "Serology tests cannot be converted to an EU DCC." },
  ERR_MAPPING_TEST_RESULT: {
    status: 422,
    class: "MappingError",
    message: "Indeterminate or non-compliant test results cannot be converted.",
  },
  ERR_MAPPING_POSITIVE_TEST: { status: 422, class: "MappingError", message: "Positive test results are not converted by this service." },

  // --- DCC payload, issuance ---
  ERR_DCC_PAYLOAD: { status: 422, class: "DccError", message: "The DCC payload does not follow the DCC schema." },
  ERR_DCC_VALUE_SET: { status: 422, class: "DccError", message: "A coded DCC field is not in its EU value set." },
  ERR_DCC_PLAUSIBILITY: { status: 422, class: "DccError", message: "The DCC payload dates or doses are not plausible." },
  ERR_DCC_TYPE_NOT_ISSUABLE: { status: 422, class: "DccError", message: "This certificate type cannot be issued through this endpoint." },
  ERR_DCC_NO_SIGNER: { status: 503, class: "DccError", message: "No signer is configured for this certificate type." },

  // --- HC1 / COSE / CWT decoding and verification (verifier) ---
  ERR_HC1_PREFIX: { status: 422, class: "DccError", message: "The certificate does not start with the HC1: prefix." },
  ERR_HC1_BASE45: { status: 422, class: "DccError", message: "The certificate is not valid base45." },
  ERR_HC1_ZLIB: { status: 422, class: "DccError", message: "The certificate is not a valid zlib stream." },
  ERR_COSE_FORMAT: { status: 422, class: "DccError", message: "The certificate is not a well-formed COSE_Sign1 message." },
  ERR_COSE_UNKNOWN_KID: { status: 422, class: "DccError", message: "No trusted certificate matches the key identifier." },
  ERR_COSE_ALGORITHM: { status: 422, class: "DccError", message: "The COSE algorithm is not supported." },
  ERR_COSE_SIGNATURE: { status: 422, class: "DccError", message: "The COSE signature is not valid." },
  ERR_CWT_CLAIMS: { status: 422, class: "DccError", message: "The CWT claims are missing or malformed." },
  ERR_CWT_EXPIRED: { status: 422, class: "DccError", message: "The certificate is expired or not yet valid." },
  ERR_DCC_SCHEMA: { status: 422, class: "DccError", message: "The DCC payload does not validate against the DCC schema." },
  ERR_DSC_KEY_USAGE: { status: 422, class: "DccError", message: "The signer certificate is not allowed to sign this certificate type." },

  // --- ICAO VDS-NC seals (verifier) ---
  ERR_SEAL_FORMAT: { status: 422, class: "DccError", message: "The seal is not a well-formed ICAO VDS-NC seal." },
  ERR_SEAL_ALGORITHM: { status: 422, class: "DccError", message: "The seal signature algorithm is not supported." },
  ERR_SEAL_SIGNATURE: { status: 422, class: "DccError", message: "The seal signature is not valid." },
  ERR_SEAL_UNTRUSTED_SIGNER: { status: 422, class: "DccError", message: "The seal signer certificate is not issued by a trusted CSCA." },
  ERR_SEAL_SIGNER_EXPIRED: { status: 422, class: "DccError", message: "The seal signer certificate is expired or not yet valid." },
  ERR_SEAL_KEY_USAGE: { status: 422, class: "DccError", message: "The seal signer certificate lacks the VDS-NC extended key usage." },
  ERR_SEAL_DOCUMENT_TYPE: { status: 422, class: "DccError", message: "The seal signer certificate lacks the seal's document type." },

  // --- verification service (docs/verification.md) ---
  ERR_BARCODE_UNDECODABLE: {
    status: 400,
    class: "RequestError",
    message: "The barcode cannot be decoded as a 2D-DOC or an HC1 certificate.",
  },
  ERR_RULE_SET_UNKNOWN: { status: 400, class: "RequestError", message: "The rule set is unknown." },
  ERR_VALIDATION_TIME: {
    status: 400,
    class: "RequestError",
    message: "The validation time is not an ISO 8601 date-time, or is refused in production.",
  },

  // --- TousAntiCovid protocol ---
  ERR_TAC_SOURCE: { status: 400, class: "RequestError", message: "Only source DEUX_D_DOC and destination DGCA are supported." },
  ERR_TAC_KEY_ALIAS: { status: 400, class: "RequestError", message: "The key alias is unknown." },
  ERR_TAC_CLIENT_KEY: { status: 400, class: "RequestError", message: "The client public key is not a valid P-256 public key." },
  ERR_TAC_DECRYPT: { status: 400, class: "RequestError", message: "The encrypted document could not be decrypted." },

  // --- HSM ---
  ERR_HSM_UNAVAILABLE: { status: 503, class: "HsmError", message: "The signing device is unavailable." },
  ERR_HSM_KEY: { status: 503, class: "HsmError", message: "A signing key is missing, exportable, or does not match its certificate." },

  // --- configuration (start-up) ---
  ERR_CONFIG: { status: 500, class: "ConfigError", message: "The configuration is missing or invalid." },

  // --- border portal (README, "Border portal") ---
  ERR_PORTAL_ADDRESS: { status: 403, class: "RequestError", message: "The portal cannot be reached from this network." },
  ERR_PORTAL_SESSION: { status: 401, class: "RequestError", message: "An agent session is required; log in again." },
  ERR_PORTAL_ORIGIN: { status: 403, class: "RequestError", message: "A state-changing request must come from the portal's own pages." },

  // --- anything else ---
  ERR_INTERNAL: { status: 500, class: "ConverterError", message: "An internal error occurred." },
} as const satisfies Record<string, ErrorRecord>;

export type ErrorCode = keyof typeof ERRORS;

const CODES = Object.keys(ERRORS) as ErrorCode[];

/** Code → fixed sentence, derived from ERRORS. */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = Object.freeze(
  Object.fromEntries(CODES.map((code) => [code, ERRORS[code].message])) as Record<ErrorCode, string>,
);

/** Code → HTTP status, derived from ERRORS (the problem+json handler, batch result lines, CLI exit codes). */
export const HTTP_STATUS: Readonly<Record<ErrorCode, ErrorRecord["status"]>> = Object.freeze(
  Object.fromEntries(CODES.map((code) => [code, ERRORS[code].status])) as Record<ErrorCode, ErrorRecord["status"]>,
);

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

export interface ErrorDetails {
  /** The field or place concerned (`L5`, `v[0].mp`, `header`, `line 3`), never its value. */
  readonly field?: string;
  /** For logs only, never sent to a client: the underlying error (must not hold input data). */
  readonly cause?: unknown;
}

/** The base of every expected refusal. `code` is stable; `message` is the fixed sentence of the code. */
export class ConverterError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    super(
      details.field === undefined ? ERRORS[code].message : `${ERRORS[code].message} (${details.field})`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = code;
    this.field = details.field;
  }

  /** The class's own name (TwoDDocError, HsmError …): what logs show as the error's type. */
  override get name(): string {
    return this.constructor.name;
  }
}

/** Errors of the 2D-DOC stages (normalise, parse, verify). */
export class TwoDDocError extends ConverterError {}

/** Errors of the mapping stage (2D-DOC fields → DCC payload). */
export class MappingError extends ConverterError {}

/** Errors of the DCC stages (payload check, encoding, decoding, verification). */
export class DccError extends ConverterError {}

/** Errors of the PKCS#11 signer. */
export class HsmError extends ConverterError {}

/** A configuration problem found at start: `field` names the variable, never its value. */
export class ConfigError extends ConverterError {}

/** Errors of the request envelope (HTTP, batch lines, TousAntiCovid protocol). */
export class RequestError extends ConverterError {}

export function isConverterError(error: unknown): error is ConverterError {
  return error instanceof ConverterError;
}

const CLASSES: Readonly<Record<ErrorClassName, new (code: ErrorCode, details?: ErrorDetails) => ConverterError>> = {
  ConverterError,
  TwoDDocError,
  MappingError,
  DccError,
  HsmError,
  ConfigError,
  RequestError,
};

/** The error of the class a code belongs to (its record's `class`): how an error crossing a thread is rebuilt. */
export function errorOf(code: ErrorCode, details: ErrorDetails = {}): ConverterError {
  return new CLASSES[ERRORS[code].class](code, details);
}

// Errors across a thread boundary (src/workers/thread-client.ts), both sides: the thread sends a code and a field —
// never a message, never a value (`errorReply`); the caller rebuilds the class the code's record names
// (`rebuildError`), so callers and the problem+json handler see what the same code on their thread would have thrown.

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

/** The caller's side: the class the code's record names, with the same field. */
export function rebuildError(reply: ErrorReply): ConverterError {
  // Fail closed: a code this build does not know is an outage, not a pass-through.
  if (!isErrorCode(reply.code)) return new HsmError("ERR_HSM_UNAVAILABLE");
  return errorOf(reply.code, reply.field === undefined ? {} : { field: reply.field });
}
