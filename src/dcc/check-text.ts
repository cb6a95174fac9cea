// Text a DCC may carry: CBOR text strings are UTF-8 (RFC 8949 §3.1), so a JavaScript string with a lone surrogate
// has no encoding and must not reach the encoder; and no field of the DCC schema holds a control character
// (C0, DEL, C1: names, codes, dates and issuers are printed and compared, never formatted).
// A pure check over a parsed JSON value: the JSON pointer (RFC 6901) of the first offending string, or of the object
// holding an offending key. Run after the schema check, so a pointer only ever names the schema's own keys.

// In a `u` expression a surrogate pair is one code point: `\p{Cs}` matches a lone surrogate only.
const NOT_TEXT = /[\u0000-\u001f\u007f-\u009f\p{Cs}]/u;

function isCleanText(text: string): boolean {
  return !NOT_TEXT.test(text);
}

const pointerToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Where the first string (or object key) that is not well-formed or holds a control character is; undefined if none. */
export function findBadText(value: unknown, pointer = ""): string | undefined {
  if (typeof value === "string") return isCleanText(value) ? undefined : pointer || "/";
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = `${pointer}/${Array.isArray(value) ? key : pointerToken(key)}`;
    if (!isCleanText(key)) return pointer || "/";
    const found = findBadText(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}
