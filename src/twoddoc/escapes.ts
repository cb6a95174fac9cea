// The escape forms of the 2D-DOC separators (ANTS 2D-Doc specification, C40 form: GS, RS, US are significant),
// decoded in one left-to-right pass, so an escape is never decoded twice (`%3CGS%3E` stays `<GS>` text):
//   `<GS>` `<RS>` `<US>` (any case) · the control pictures ␝␞␟ · `%XX` (RFC 3986 §2.1) · `\xXX` · `\u00XX`.
// A lone `%`, or `\x`/`\u` not followed by a valid escape, fails closed rather than guess. The scan is
// linear and stops as soon as the decoded text is longer than the caller's bound.
import { TwoDDocError } from "../errors.js";

const SEPARATOR_TOKENS: Readonly<Record<string, number>> = { GS: 0x1d, RS: 0x1e, US: 0x1f };
const LESS_THAN = 0x3c;
const PERCENT = 0x25;
const BACKSLASH = 0x5c;
const FIRST_PICTURE = 0x241d; // ␝ SYMBOL FOR GROUP SEPARATOR; ␞ and ␟ follow
const PICTURE_OFFSET = 0x2400; // a control picture is its control character + U+2400

interface Escape {
  readonly code: number;
  readonly width: number;
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The byte written by two hex digits at `offset`, or -1. */
function hexByte(text: string, offset: number): number {
  const high = hexDigit(text.charCodeAt(offset));
  const low = hexDigit(text.charCodeAt(offset + 1));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

function encodingError(): TwoDDocError {
  return new TwoDDocError("ERR_2DDOC_ENCODING");
}

function readBackslash(text: string, at: number): Escape | undefined {
  const kind = text.charCodeAt(at + 1) | 0x20;
  if (kind === 0x78) { // `\x`
    const code = hexByte(text, at + 2);
    if (code < 0) throw encodingError();
    return { code, width: 4 };
  }
  if (kind === 0x75) { // `\u`: only `\u00XX` can be a separator or ASCII
    const code = text.startsWith("00", at + 2) ? hexByte(text, at + 4) : -1;
    if (code < 0) throw encodingError();
    return { code, width: 6 };
  }
  return undefined; // any other backslash is text
}

/** The escape starting at `at`, `undefined` when the character there is plain text. */
function readEscape(text: string, at: number, first: number): Escape | undefined {
  if (first >= FIRST_PICTURE && first <= FIRST_PICTURE + 2) return { code: first - PICTURE_OFFSET, width: 1 };
  if (first === PERCENT) {
    const code = hexByte(text, at + 1);
    if (code < 0) throw encodingError();
    return { code, width: 3 };
  }
  if (first === BACKSLASH) return readBackslash(text, at);
  if (first === LESS_THAN && text.charCodeAt(at + 3) === 0x3e) {
    const code = SEPARATOR_TOKENS[text.slice(at + 1, at + 3).toUpperCase()];
    return code === undefined ? undefined : { code, width: 4 };
  }
  return undefined;
}

/** Decodes every escape of `text`; ERR_2DDOC_TOO_LONG as soon as the result exceeds `maxLength`. */
export function decodeEscapes(text: string, maxLength: number): string {
  let decoded = "";
  let runStart = 0;
  for (let at = 0; at < text.length; at += 1) {
    if (decoded.length + (at - runStart) >= maxLength) throw new TwoDDocError("ERR_2DDOC_TOO_LONG");
    const first = text.charCodeAt(at);
    if (first !== PERCENT && first !== BACKSLASH && first !== LESS_THAN && first < FIRST_PICTURE) continue;
    const escape = readEscape(text, at, first);
    if (escape === undefined) continue;
    decoded += text.slice(runStart, at) + String.fromCharCode(escape.code);
    runStart = at + escape.width;
    at = runStart - 1;
  }
  return runStart === 0 ? text : decoded + text.slice(runStart);
}
