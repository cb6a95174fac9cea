// The decoding stages of the verifier (hcert §3, read backwards): COSE_Sign1 structure and CWT claims.
// Prefix, base45 and zlib live in hc1.ts, base45.ts and zlib.ts. Each stage throws a DccError with its code;
// verify.ts turns them into a report. Tolerant in what we accept, as the EU test vectors require: tags 61/18 or none, kid and alg in
// either header, tagged or untagged dates, fractional timestamps (read as whole seconds).
import { DccError } from "../errors.js";
import { decodeCbor, Tag, toJsonValue } from "./cbor.js";
import { COSE_SIGN1_TAG, CWT_TAG, HEADER } from "./cose.js";
import { CLAIM, HCERT_EU_DCC_V1 } from "./cwt.js";

export interface CoseSign1 {
  /** The protected header exactly as received: these bytes are signed. */
  readonly protectedHeader: Uint8Array;
  readonly protectedMap: ReadonlyMap<unknown, unknown>;
  readonly unprotectedMap: ReadonlyMap<unknown, unknown>;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
  /** hcert §3.3.2 — looked up in both headers (corpus CO20/CO22/CO23 carry it unprotected), protected first. */
  readonly alg: unknown;
  /** hcert §3.3.3 — protected wins when both exist (CO22: a wrong protected kid is not rescued). */
  readonly kid: unknown;
}

export interface Claims {
  readonly iss?: string;
  readonly iat?: number;
  readonly exp?: number;
  /** The eu_dcc_v1 payload as JSON values. */
  readonly payload: unknown;
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

function cborOrThrow(bytes: Uint8Array, code: "ERR_COSE_FORMAT" | "ERR_CWT_CLAIMS"): unknown {
  try {
    return decodeCbor(bytes);
  } catch (cause) {
    throw new DccError(code, { cause });
  }
}

/** RFC 8152 §2 and RFC 8392 §6: `18([...])`, `61(18([...]))` (CO28) or an untagged array (3 corpus vectors); anything else is refused. */
function unwrapTags(item: unknown): unknown {
  let value = item;
  if (value instanceof Tag && value.tag === CWT_TAG) value = value.value;
  if (value instanceof Tag && value.tag === COSE_SIGN1_TAG) value = value.value;
  if (value instanceof Tag) throw new DccError("ERR_COSE_FORMAT", { field: "tag" });
  return value;
}

function readProtected(bytes: Uint8Array): ReadonlyMap<unknown, unknown> {
  if (bytes.length === 0) return new Map(); // RFC 8152 §3: zero-length bstr = no protected header
  const map = cborOrThrow(bytes, "ERR_COSE_FORMAT");
  if (!(map instanceof Map)) throw new DccError("ERR_COSE_FORMAT", { field: "protected" });
  return map;
}

export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  const message = unwrapTags(cborOrThrow(bytes, "ERR_COSE_FORMAT"));
  if (!Array.isArray(message) || message.length !== 4) throw new DccError("ERR_COSE_FORMAT");
  const [protectedHeader, unprotectedMap, payload, signature] = message as unknown[];
  if (!isBytes(protectedHeader)) throw new DccError("ERR_COSE_FORMAT", { field: "protected" });
  if (!(unprotectedMap instanceof Map)) throw new DccError("ERR_COSE_FORMAT", { field: "unprotected" });
  if (!isBytes(payload)) throw new DccError("ERR_COSE_FORMAT", { field: "payload" });
  if (!isBytes(signature)) throw new DccError("ERR_COSE_FORMAT", { field: "signature" });
  const protectedMap = readProtected(protectedHeader);
  const pick = (label: number) => (protectedMap.has(label) ? protectedMap.get(label) : unprotectedMap.get(label));
  return { protectedHeader, protectedMap, unprotectedMap, payload, signature, alg: pick(HEADER.alg), kid: pick(HEADER.kid) };
}

/**
 * NumericDate (RFC 8392 §2, RFC 7519 §2): seconds, and "non-integer values can be represented". Issuers write
 * integers, but some wrote fractions (the Hungarian test vectors). We keep whole seconds, dropping the
 * fraction (floor) for both claims: it is the integer an issuer writing whole seconds would have written
 * (floor of the clock, as our own CWT does), the X.509 validity the claims are compared with has whole
 * seconds (RFC 5280 §4.1.2.5), and for `exp` it errs on the safe side (validity ends up to a second sooner).
 */
function readTime(claims: ReadonlyMap<unknown, unknown>, key: number): number | undefined {
  const value = claims.get(key);
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new DccError("ERR_CWT_CLAIMS", { field: key === CLAIM.iat ? "iat" : "exp" });
  return Math.floor(value);
}

/** RFC 8392 §3 and hcert §3.3: `{1: iss, 4: exp, 6: iat, -260: {1: DCC}}`; the DCC must be a map with text keys. */
export function readClaims(payload: Uint8Array): Claims {
  const claims = cborOrThrow(payload, "ERR_CWT_CLAIMS");
  if (!(claims instanceof Map)) throw new DccError("ERR_CWT_CLAIMS");
  const hcert = claims.get(CLAIM.hcert);
  const dcc = hcert instanceof Map ? hcert.get(HCERT_EU_DCC_V1) : undefined;
  if (!(dcc instanceof Map)) throw new DccError("ERR_CWT_CLAIMS", { field: "hcert" });
  const iss = claims.get(CLAIM.iss);
  if (iss !== undefined && typeof iss !== "string") throw new DccError("ERR_CWT_CLAIMS", { field: "iss" });
  let json: unknown;
  try {
    json = toJsonValue(dcc);
  } catch (cause) {
    throw new DccError("ERR_CWT_CLAIMS", { field: "hcert", cause });
  }
  const iat = readTime(claims, CLAIM.iat);
  const exp = readTime(claims, CLAIM.exp);
  return {
    ...(iss === undefined ? {} : { iss }),
    ...(iat === undefined ? {} : { iat }),
    ...(exp === undefined ? {} : { exp }),
    payload: json,
  };
}
