// The escape forms of the 2D-DOC separators (ANTS 2D-Doc specification, C40 form: GS, RS, US are significant),
// decoded in one left-to-right pass, so an escape is never decoded twice (`%3CGS%3E` stays `<GS>` text):
//   `<GS>` `<RS>` `<US>` (any case) · the control pictures ␝␞␟ · `%XX` (RFC 3986 §2.1) · `\xXX` · `\u00XX`.
// A lone `%`, or `\x`/`\u` not followed by a valid escape, fails closed rather than guess. The scan is
// linear, writes char codes into one buffer of the caller's bound (no string built per escape) and stops
// as soon as the decoded text would be longer than that bound.
import { endianness } from "node:os";
import { TwoDDocError } from "../errors.js";

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const PERCENT = 0x25;
const BACKSLASH = 0x5c;
const FIRST_PICTURE = 0x241d; // ␝ SYMBOL FOR GROUP SEPARATOR; ␞ and ␟ follow
const PICTURE_OFFSET = 0x2400; // a control picture is its control character + U+2400
const NOT_AN_ESCAPE = -1;
/** An escape is returned packed as `code | width << 16`: no object per escape on this hot path. */
const WIDTH_SHIFT = 16;
const BIG_ENDIAN = endianness() === "BE";

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The byte written by two hex digits at `offset`; ERR_2DDOC_ENCODING when they are not hex. */
function hexByte(text: string, offset: number): number {
  const high = hexDigit(text.charCodeAt(offset));
  const low = hexDigit(text.charCodeAt(offset + 1));
  if (high < 0 || low < 0) throw new TwoDDocError("ERR_2DDOC_ENCODING");
  return high * 16 + low;
}

/** `<GS>` `<RS>` `<US>` in any case → 0x1D 0x1E 0x1F; anything else after `<` is text. */
function readToken(text: string, at: number): number {
  if (text.charCodeAt(at + 3) !== GREATER_THAN || (text.charCodeAt(at + 2) | 0x20) !== 0x73) return NOT_AN_ESCAPE; // `s`
  const letter = text.charCodeAt(at + 1) | 0x20;
  const code = letter === 0x67 ? 0x1d : letter === 0x72 ? 0x1e : letter === 0x75 ? 0x1f : NOT_AN_ESCAPE; // g r u
  return code === NOT_AN_ESCAPE ? code : code | (4 << WIDTH_SHIFT);
}

function readBackslash(text: string, at: number): number {
  const kind = text.charCodeAt(at + 1) | 0x20;
  if (kind === 0x78) return hexByte(text, at + 2) | (4 << WIDTH_SHIFT); // `\xXX`
  if (kind !== 0x75) return NOT_AN_ESCAPE; // any other backslash is text
  // `\u`: only `\u00XX` can be a separator or ASCII.
  if (!text.startsWith("00", at + 2)) throw new TwoDDocError("ERR_2DDOC_ENCODING");
  return hexByte(text, at + 4) | (6 << WIDTH_SHIFT);
}

function tooLong(): TwoDDocError {
  return new TwoDDocError("ERR_2DDOC_TOO_LONG");
}

function mayStartEscape(code: number): boolean {
  return code === PERCENT || code === BACKSLASH || code === LESS_THAN || code >= FIRST_PICTURE;
}

/** The escape at `at` (packed: `code | width << 16`), or NOT_AN_ESCAPE when the character is plain text. */
function readEscape(text: string, at: number, first: number): number {
  if (first === PERCENT) return hexByte(text, at + 1) | (3 << WIDTH_SHIFT);
  if (first === LESS_THAN) return readToken(text, at);
  if (first === BACKSLASH) return readBackslash(text, at);
  return first <= FIRST_PICTURE + 2 ? (first - PICTURE_OFFSET) | (1 << WIDTH_SHIFT) : NOT_AN_ESCAPE;
}

/** Decodes every escape of `text`; ERR_2DDOC_TOO_LONG as soon as the result exceeds `maxLength`. */
export function decodeEscapes(text: string, maxLength: number): string {
  let start = 0;
  while (start < text.length && start <= maxLength && !mayStartEscape(text.charCodeAt(start))) start += 1;
  if (start > maxLength) throw tooLong();
  if (start === text.length) return text; // the common raw form: nothing to decode, nothing copied
  const decoded = new Uint16Array(maxLength);
  for (let at = 0; at < start; at += 1) decoded[at] = text.charCodeAt(at);
  let length = start;
  let at = start;
  while (at < text.length) {
    if (length === maxLength) throw tooLong();
    const first = text.charCodeAt(at);
    const escape = mayStartEscape(first) ? readEscape(text, at, first) : NOT_AN_ESCAPE;
    if (escape === NOT_AN_ESCAPE) {
      decoded[length++] = first;
      at += 1;
    } else {
      decoded[length++] = escape & 0xffff;
      at += escape >>> WIDTH_SHIFT;
    }
  }
  // One string from the char codes: their bytes read as UTF-16LE (swapped first on a big-endian machine).
  const bytes = Buffer.from(decoded.buffer, 0, length * 2);
  return (BIG_ENDIAN ? bytes.swap16() : bytes).toString("utf16le");
}
