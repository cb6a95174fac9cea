// The one error module of dcc-converter.
// Every refusal the product can give has a stable code here. Messages are fixed sentences: they may
// name a field (`L5`, `v[0].mp`) but never carry a value from the input. Programmer mistakes stay
// TypeError. The HTTP status of each code lives in one table, src/http/problem.ts.

/** Every stable error code, with the fixed sentence that explains it. */
export const ERROR_MESSAGES = {
  // --- request envelope (HTTP, CLI) ---
  ERR_REQUEST_MALFORMED: "The request is not well-formed.",
  ERR_REQUEST_TOO_LARGE: "The request body is too large.",
  ERR_REQUEST_CONTENT_TYPE: "The request content type is not supported.",
  ERR_NOT_FOUND: "No such resource.",
  ERR_METHOD_NOT_ALLOWED: "The method is not allowed on this resource.",
  ERR_NOT_ACCEPTABLE: "None of the accepted media types can be produced.",
  ERR_AUTH_MISSING: "An API key is required.",
  ERR_AUTH_INVALID: "The API key is not valid.",
  ERR_AUTH_SCOPE: "The API key does not allow this operation.",
  ERR_RATE_LIMITED: "Too many requests; retry later.",
  ERR_BATCH_LINE: "The batch line is not a JSON object with a string id and a string document.",
  ERR_BATCH_TOO_LARGE: "The batch exceeds its line or byte limit.",
  ERR_OVERLOADED: "The service is at capacity; retry later.",
  ERR_SHUTTING_DOWN: "The service is shutting down; retry later.",

  // --- 2D-DOC: input, syntax (undecodable) ---
  ERR_2DDOC_EMPTY: "The 2D-DOC is empty.",
  ERR_2DDOC_TOO_LONG: "The 2D-DOC is longer than any 2D-DOC can be.",
  ERR_2DDOC_ENCODING: "The 2D-DOC contains characters or escapes that are not allowed.",
  ERR_2DDOC_MARKER: "The 2D-DOC does not start with the DC marker.",
  ERR_2DDOC_VERSION: "The 2D-DOC version or form is not supported (only C40 versions 02, 03 and 04).",
  ERR_2DDOC_HEADER: "The 2D-DOC header is truncated or malformed.",
  ERR_2DDOC_MESSAGE: "The 2D-DOC message zone is malformed.",
  ERR_2DDOC_FIELD: "A 2D-DOC field does not follow its length or character rules.",
  ERR_2DDOC_NO_SIGNATURE: "The 2D-DOC has no signature zone.",
  ERR_2DDOC_SIGNATURE_ENCODING: "The 2D-DOC signature zone is not valid base32 of the expected length.",

  // --- 2D-DOC: trust (well-formed but refused) ---
  ERR_2DDOC_SIGNATURE: "The 2D-DOC signature is not valid.",
  ERR_2DDOC_UNKNOWN_SIGNER: "The 2D-DOC signer is not in the trust list.",
  ERR_2DDOC_SIGNER_NOT_VALID: "The 2D-DOC signer certificate was not valid at the document's signature date.",
  ERR_2DDOC_NOT_FRENCH: "The 2D-DOC was not issued for France.",
  ERR_2DDOC_DOCUMENT_TYPE: "The 2D-DOC document type cannot be converted (only B2 and L1).",
  ERR_REVOKED: "The certificate has been revoked.",
  ERR_UVCI_SYNTAX: "The UVCI does not follow the UVCI grammar.",
  ERR_UVCI_CHECKSUM: "The UVCI check character is missing or wrong.",
  ERR_UVCI_NOT_FRENCH: "The UVCI was not issued for France.",

  // --- mapping 2D-DOC fields -> DCC payload ---
  ERR_MAPPING_UNKNOWN_CODE: "A 2D-DOC field holds a value that no mapping table knows.",
  ERR_MAPPING_INVALID_FIELD: "A 2D-DOC field holds a value the conversion rules cannot use.",
  ERR_MAPPING_INVALID_DATE: "A 2D-DOC date field holds an impossible date.",
  ERR_MAPPING_ANTIGEN_TEST: "Antigen tests cannot be converted: the 2D-DOC does not carry the test device.",
  ERR_MAPPING_SEROLOGY_TEST: "Serology tests cannot be converted to an EU DCC.",
  ERR_MAPPING_TEST_RESULT: "Indeterminate or non-compliant test results cannot be converted.",
  ERR_MAPPING_POSITIVE_TEST: "Positive test results are not converted by this service.",

  // --- DCC payload, issuance ---
  ERR_DCC_PAYLOAD: "The DCC payload does not follow the DCC schema.",
  ERR_DCC_VALUE_SET: "A coded DCC field is not in its EU value set.",
  ERR_DCC_PLAUSIBILITY: "The DCC payload dates or doses are not plausible.",
  ERR_DCC_TYPE_NOT_ISSUABLE: "This certificate type cannot be issued through this endpoint.",
  ERR_DCC_NO_SIGNER: "No signer is configured for this certificate type.",

  // --- HC1 / COSE / CWT decoding and verification (verifier) ---
  ERR_HC1_PREFIX: "The certificate does not start with the HC1: prefix.",
  ERR_HC1_BASE45: "The certificate is not valid base45.",
  ERR_HC1_ZLIB: "The certificate is not a valid zlib stream.",
  ERR_COSE_FORMAT: "The certificate is not a well-formed COSE_Sign1 message.",
  ERR_COSE_UNKNOWN_KID: "No trusted certificate matches the key identifier.",
  ERR_COSE_ALGORITHM: "The COSE algorithm is not supported.",
  ERR_COSE_SIGNATURE: "The COSE signature is not valid.",
  ERR_CWT_CLAIMS: "The CWT claims are missing or malformed.",
  ERR_CWT_EXPIRED: "The certificate is expired or not yet valid.",
  ERR_DCC_SCHEMA: "The DCC payload does not validate against the DCC schema.",
  ERR_DSC_KEY_USAGE: "The signer certificate is not allowed to sign this certificate type.",

  // --- TousAntiCovid protocol ---
  ERR_TAC_SOURCE: "Only source DEUX_D_DOC and destination DGCA are supported.",
  ERR_TAC_KEY_ALIAS: "The key alias is unknown.",
  ERR_TAC_CLIENT_KEY: "The client public key is not a valid P-256 public key.",
  ERR_TAC_DECRYPT: "The encrypted document could not be decrypted.",

  // --- HSM ---
  ERR_HSM_UNAVAILABLE: "The signing device is unavailable.",
  ERR_HSM_KEY: "A signing key is missing, exportable, or does not match its certificate.",

  // --- configuration (start-up) ---
  ERR_CONFIG: "The configuration is missing or invalid.",

  // --- anything else ---
  ERR_INTERNAL: "An internal error occurred.",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

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
      details.field === undefined ? ERROR_MESSAGES[code] : `${ERROR_MESSAGES[code]} (${details.field})`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = code;
    this.field = details.field;
  }

  override get name(): string {
    return "ConverterError";
  }
}

/** Errors of the 2D-DOC stages (normalise, parse, verify). */
export class TwoDDocError extends ConverterError {
  override get name(): string {
    return "TwoDDocError";
  }
}

/** Errors of the mapping stage (2D-DOC fields → DCC payload). */
export class MappingError extends ConverterError {
  override get name(): string {
    return "MappingError";
  }
}

/** Errors of the DCC stages (payload check, encoding, decoding, verification). */
export class DccError extends ConverterError {
  override get name(): string {
    return "DccError";
  }
}

/** Errors of the PKCS#11 signer. */
export class HsmError extends ConverterError {
  override get name(): string {
    return "HsmError";
  }
}

/** A configuration problem found at start: `field` names the variable, never its value. */
export class ConfigError extends ConverterError {
  override get name(): string {
    return "ConfigError";
  }
}

/** Errors of the request envelope (HTTP, batch lines, TousAntiCovid protocol). */
export class RequestError extends ConverterError {
  override get name(): string {
    return "RequestError";
  }
}

export function isConverterError(error: unknown): error is ConverterError {
  return error instanceof ConverterError;
}
