// Free-text 2D-DOC wordings (L3, L5, L6) are compared in one normal form. The issuer replaces characters
// outside the allowed set by a space (ANTS 2D-Doc, C40 alphabet), so case and runs of spaces carry no meaning.
// Patterns are compiled once here, never per call (thousands of mappings a second).
const SPACES = /\s+/g;
const NON_WORD = /[^A-Z0-9]+/g;

/** Upper case, trimmed, runs of white space collapsed: the form of exact-lookup keys (L3). */
export function normaliseWording(text: string): string {
  return text.toUpperCase().replace(SPACES, " ").trim();
}

/**
 * The words of a free text, each surrounded by a space (` PFIZER BIONTECH COMIRNATY `), so that a word or
 * a sequence of words is found with `includes(" WORD ")` and never as part of a longer word.
 */
export function padWords(text: string): string {
  return ` ${text.toUpperCase().replace(NON_WORD, " ").trim()} `;
}
