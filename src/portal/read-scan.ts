// What a laser reader typed → the barcode to verify (contract §10, "Border portal"). Readers differ in what they
// type for a 2D-DOC's separators: the real characters and the replacement texts are read by the 2D-DOC normaliser
// (src/twoddoc/normalise.ts); when they were dropped, the 2D-DOC is read back from its field rules and the
// signature decides between the readings (src/twoddoc/read-back.ts). A scan that stops early — a 2D-DOC whose
// fields or signature end too soon, an `HC1:` whose zlib stream ends too soon, an ICAO VDS-NC seal (JSON) whose
// text ends inside a string, an object or an array — is "cut short", not a forgery.
import { inflateSync } from "node:zlib";
import { decodeBase45 } from "../dcc/base45.js";
import { MAX_INFLATED_BYTES } from "../dcc/zlib.js";
import { HC1_PREFIX } from "../dcc/hc1.js";
import { parseHeader } from "../twoddoc/header.js";
import { normaliseInput } from "../twoddoc/normalise.js";
import { parseDocument } from "../twoddoc/parse.js";
import { readBack } from "../twoddoc/read-back.js";
import { checkSignature } from "../twoddoc/verify.js";
import type { Header, TrustStore } from "../twoddoc/types.js";

export type ScanReading =
  /** `barcode` goes to the verifier; `recovered` says the separators were put back from the field rules. */
  { readonly kind: "barcode"; readonly barcode: string; readonly recovered: boolean } | { readonly kind: "cut-short" };

function asTyped(barcode: string): ScanReading {
  return { kind: "barcode", barcode, recovered: false };
}

/** Whether an `HC1:` text is the beginning of a longer one: its zlib stream is sound but ends too soon. */
function isCutShortHc1(text: string): boolean {
  const base45 = text.slice(HC1_PREFIX.length);
  try {
    inflateSync(decodeBase45(base45.length % 3 === 1 ? base45.slice(0, -1) : base45), { maxOutputLength: MAX_INFLATED_BYTES });
    return false;
  } catch (error) {
    return (error as { code?: unknown }).code === "Z_BUF_ERROR";
  }
}

/** Whether a JSON text (a seal) ends before its last string, object or array is closed (RFC 8259 §2, §7). */
export function isCutShortJson(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") depth -= 1;
    if (depth < 0) return false;
  }
  return inString || depth > 0;
}

function signedReading(readings: readonly string[], trust: TrustStore): string | undefined {
  return readings.find((reading) => checkSignature(parseDocument(reading), trust) === "valid");
}

function typedStatus(text: string, trust: TrustStore): "signed" | "parses" | "unparsable" {
  try {
    return checkSignature(parseDocument(text), trust) === "valid" ? "signed" : "parses";
  } catch {
    return "unparsable";
  }
}

function readTwoDDoc(input: string, text: string, header: Header, trust: TrustStore): ScanReading {
  const typed = typedStatus(text, trust);
  if (typed === "signed") return asTyped(input);
  const back = readBack(text, header);
  const signed = back.kind === "readings" ? signedReading(back.readings, trust) : undefined;
  if (signed !== undefined) return { kind: "barcode", barcode: signed, recovered: true };
  // No reading verifies: the verifier judges the text as typed when it parses (its signature check fails and says
  // so), else the likeliest reading; a text that is the beginning of a 2D-DOC was cut short.
  if (typed === "parses") return asTyped(input);
  if (back.kind === "cut-short") return back;
  return back.kind === "readings" ? { kind: "barcode", barcode: back.readings[0]!, recovered: true } : asTyped(input);
}

/** Reads what the field received; anything it cannot make sense of goes to the verifier as typed (400 there). */
export function readScan(input: string, trust: TrustStore): ScanReading {
  const trimmed = input.trim();
  if (trimmed.startsWith(HC1_PREFIX)) return isCutShortHc1(trimmed) ? { kind: "cut-short" } : asTyped(trimmed);
  if (trimmed.startsWith("{")) return isCutShortJson(trimmed) ? { kind: "cut-short" } : asTyped(trimmed);
  let text: string;
  let header: Header;
  try {
    text = normaliseInput(trimmed);
    header = parseHeader(text);
  } catch {
    return asTyped(trimmed);
  }
  return readTwoDDoc(trimmed, text, header, trust);
}
