// The string patterns of the DCC payload schema, written as RegExp literals so the linter checks them
// (eslint-plugin-regexp: no super-linear backtracking) and passed to ajv as `.source`. ajv compiles a JSON
// Schema `pattern` with the `u` flag, so each literal carries `u` and no other flag.

/** hcert / DCC schema 1.3.x `nam.fnt`, `nam.gnt`: ICAO 9303 machine-readable letters. */
export const TRANSLITERATED = /^[A-Z<]*$/u;
/** An ISO 3166-1 alpha-2 code, as this service writes `co`. */
export const COUNTRY_WRITTEN = /^[A-Z]{2}$/u;
/** The official schema's `co` pattern, unanchored (schema 1.3.x `country_vt`). */
export const COUNTRY_OFFICIAL = /[A-Z]{1,10}/u;
/** `dob` as written: "" | YYYY | YYYY-MM | YYYY-MM-DD, years 1900–2099, months and days in range. */
export const DOB_WRITTEN = /^(?:(?:19|20)\d\d(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)?$/u;
/** The official schema's `dob` pattern (schema 1.3.x): years 1900–2099, up to two `-NN` groups. */
export const DOB_OFFICIAL = /^(?:(?:19|20)\d\d(?:-\d\d){0,2})?$/u;
/** `ver` as written: semantic version with dots. */
export const VERSION_WRITTEN = /^\d+\.\d+\.\d+$/u;

// The official `ver` pattern is `^\d+.\d+.\d+$` with its dots unescaped: each `.` is any character but a
// line terminator, digits included, so the three `\d+` trade digits and a long run of digits followed by
// a wrong character backtracks cubically. The same language, split by which of the two `.` are not
// digits (neither, the first, the second, both), is matched in linear time
// (test/unit/dcc/schema-patterns.test.ts compares the two).
export const VERSION_OFFICIAL =
  /^(?:\d{5,}|\d+[^\d\n\r\u2028\u2029]\d{3,}|\d{3,}[^\d\n\r\u2028\u2029]\d+|\d+[^\d\n\r\u2028\u2029]\d+[^\d\n\r\u2028\u2029]\d+)$/u;
