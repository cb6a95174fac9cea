// Input normalisation: every form in which a 2D-DOC reaches us → the text a DataMatrix reader returns.
// 2d-doc.md §1: GS/RS/US (0x1D/0x1E/0x1F) are significant and arrive raw, as `<GS>` tokens, as the
// control pictures ␝␞␟, as `\x1D`/`\u001d` escapes or percent-encoded, or inside a TousAntiCovid deep
// link. Contract §4: the `document` field accepts all of them; the same document must give the same
// text (and so the same UVCI) whatever the form.
import { TwoDDocError } from "../errors.js";

/** A DataMatrix holds at most 3116 bytes; 4096 leaves room and still refuses absurd inputs. */
export const MAX_DOCUMENT_LENGTH = 4096;
/** Raw bound checked before any work: the longest escape (`\u001d`, 6 chars) of a maximal document
 *  would exceed it, but a real 2D-DOC (≤ 3116 chars, mostly letters) in any form fits comfortably. */
export const MAX_INPUT_LENGTH = 16_384;

// 2d-doc.md §1: the QR code of 2021 certificates (query form) and the TAC iOS fragment form.
// Only `%20` means a space in these links (they were built by percent-encoding, not form-encoding),
// so a `+` stays a `+`.
const DEEP_LINK = /^https:\/\/bonjour\.tousanticovid\.gouv\.fr\/app\/(?:wallet\?v=|wallet2d#)/i;

const SEPARATOR_TOKENS: Readonly<Record<string, string>> = { GS: "\x1d", RS: "\x1e", US: "\x1f" };
const CONTROL_PICTURES: Readonly<Record<string, string>> = { "\u241d": "\x1d", "\u241e": "\x1e", "\u241f": "\x1f" };

// One pass over every escape form, so an escape is never decoded twice (`%3CGS%3E` stays `<GS>` text).
const ESCAPES = /<(GS|RS|US)>|[\u241d-\u241f]|%([0-9A-Fa-f]{2})?|\\(?:x([0-9A-Fa-f]{2})|u00([0-9A-Fa-f]{2})|(?=[xu]))/gi;
const QUICK_ESCAPE_CHECK = /[<%\\\u241d-\u241f]/;
/** After decoding: printable ASCII plus the three separators, nothing else (2d-doc.md §1: ASCII text). */
const ALLOWED_TEXT = /^[\x1d-\x1f\x20-\x7e]*$/;
const SURROUNDING_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

function decodeEscape(match: string, token?: string, percent?: string, hex?: string, unicode?: string): string {
  if (token !== undefined) return SEPARATOR_TOKENS[token.toUpperCase()] as string;
  const code = percent ?? hex ?? unicode;
  if (code !== undefined) return String.fromCharCode(Number.parseInt(code, 16));
  const picture = CONTROL_PICTURES[match];
  if (picture !== undefined) return picture;
  // A lone `%`, or `\x`/`\u` not followed by a valid escape: fail closed rather than guess.
  throw new TwoDDocError("ERR_2DDOC_ENCODING");
}

/** Turns any accepted input form into the plain 2D-DOC text, or throws a TwoDDocError. */
export function normaliseInput(input: string): string {
  if (input.length > MAX_INPUT_LENGTH) throw new TwoDDocError("ERR_2DDOC_TOO_LONG");
  let text = input.replace(SURROUNDING_SPACE, "");
  text = text.replace(DEEP_LINK, "");
  if (QUICK_ESCAPE_CHECK.test(text)) text = text.replace(ESCAPES, decodeEscape);
  if (text.length === 0) throw new TwoDDocError("ERR_2DDOC_EMPTY");
  if (text.length > MAX_DOCUMENT_LENGTH) throw new TwoDDocError("ERR_2DDOC_TOO_LONG");
  // 2d-doc.md §2.2: the binary form starts with byte 0xDC; let it through so the header stage
  // refuses it with ERR_2DDOC_VERSION (its bytes are not text and are never interpreted).
  if (text.charCodeAt(0) === 0xdc) return text;
  if (!ALLOWED_TEXT.test(text)) throw new TwoDDocError("ERR_2DDOC_ENCODING");
  return text;
}
