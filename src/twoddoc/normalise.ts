// Input normalisation: every form in which a 2D-DOC reaches us → the text a DataMatrix reader returns.
// ANTS 2D-Doc specification, C40 form: GS/RS/US (0x1D/0x1E/0x1F) are significant. They arrive raw, as `<GS>`
// tokens, as the control pictures ␝␞␟, as `\x1D`/`\u001d` escapes, percent-encoded, or inside a
// TousAntiCovid deep link (every form of one document gives the same text, so the same UVCI: docs/revocation.md).
//
// Every step runs in time linear in its input, and the length limits come first (BENCHMARKS.md,
// "Adversarial input"): the raw bound before anything else; then String#trim, a native scan from each end
// (a regex anchored at the end retried from every inner space: quadratic on `x` + spaces + `x`); then
// escape decoding by an index scan that stops as soon as the decoded text exceeds MAX_DOCUMENT_LENGTH.
// The only regular expression, the final character check, sees the decoded text alone, never longer.
import { TwoDDocError } from "../errors.js";
import { decodeEscapes } from "./escapes.js";

/** A DataMatrix holds at most 3116 bytes; 4096 leaves room and still refuses absurd inputs. */
export const MAX_DOCUMENT_LENGTH = 4096;
/** Raw bound checked before any work: the longest escape (`\u001d`, 6 chars) of a maximal document
 *  would exceed it, but a real 2D-DOC (≤ 3116 chars, mostly letters) in any form fits comfortably. */
export const MAX_INPUT_LENGTH = 16_384;

// The QR code of the 2021 certificates (query form) and the TousAntiCovid iOS fragment form. Only `%20`
// means a space in these links (they were built by percent-encoding, not form-encoding): a `+` stays a `+`.
const DEEP_LINK_BASE = "https://bonjour.tousanticovid.gouv.fr/app/";
const DEEP_LINK_FORMS = ["wallet?v=", "wallet2d#"] as const;

/** After decoding: printable ASCII plus the three separators, nothing else (ANTS 2D-Doc: ASCII text). */
const ALLOWED_TEXT = /^[\x1d-\x7e]*$/;

function startsWithIgnoringCase(text: string, offset: number, prefix: string): boolean {
  return text.length - offset >= prefix.length && text.slice(offset, offset + prefix.length).toLowerCase() === prefix;
}

/** The 2D-DOC inside a TousAntiCovid deep link (case-insensitive scheme and host), or the text itself. */
function stripDeepLink(text: string): string {
  if (!startsWithIgnoringCase(text, 0, DEEP_LINK_BASE)) return text;
  for (const form of DEEP_LINK_FORMS) {
    const offset = DEEP_LINK_BASE.length;
    if (startsWithIgnoringCase(text, offset, form)) return text.slice(offset + form.length);
  }
  return text;
}

/** Turns any accepted input form into the plain 2D-DOC text, or throws a TwoDDocError. */
export function normaliseInput(input: string): string {
  if (input.length > MAX_INPUT_LENGTH) throw new TwoDDocError("ERR_2DDOC_TOO_LONG");
  // String#trim: surrounding white space and line ends (ECMAScript WhiteSpace and LineTerminator, so a pasted
  // BOM or no-break space too), by a native scan from each end; the text inside is checked strictly below.
  const text = decodeEscapes(stripDeepLink(input.trim()), MAX_DOCUMENT_LENGTH);
  if (text.length === 0) throw new TwoDDocError("ERR_2DDOC_EMPTY");
  // ANTS 2D-Doc specification, binary form: it starts with byte 0xDC; let it through so the header stage refuses it
  // with ERR_2DDOC_VERSION (its bytes are not text and are never interpreted).
  if (text.charCodeAt(0) === 0xdc) return text;
  if (!ALLOWED_TEXT.test(text)) throw new TwoDDocError("ERR_2DDOC_ENCODING");
  return text;
}
