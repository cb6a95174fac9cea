// RFC 8785 JSON Canonicalization Scheme (JCS): what a VDS-NC seal's signature covers (ICAO VDS-NC: the signed bytes
// are the canonical form of `data`; docs/international-format.md). npm `canonicalize` is the implementation by
// RFC 8785's author: keys sorted by UTF-16 code units, ECMAScript number form, minimal escapes; lone surrogates,
// NaN and infinities are refused. Tested against RFC 8785's own examples (test/unit/icao/canonical-json.test.ts).
import canonicalize from "canonicalize";

/** The RFC 8785 text of a JSON value; a TypeError for a value JSON cannot hold (programmer error or bad input). */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new TypeError("value has no RFC 8785 canonical form", { cause });
  }
  if (text === undefined) throw new TypeError("value has no RFC 8785 canonical form");
  return text;
}
