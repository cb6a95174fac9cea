// `fnt` / `gnt`: ICAO Doc 9303 Part 3 machine-readable form (eHN Guidelines on Technical Specifications
// for EU DCC, Volume 3, transliteration): only A–Z and the filler `<`.
// 1. upper case; 2. every run of separators (space, hyphen, comma, `/` between first names) → one `<`;
// 3. apostrophes and other punctuation, and digits (not allowed by the DCC pattern), are dropped;
// 4. letters with diacritics through the ICAO table (two-letter forms as the EU reference issuance UI
//    chose them: Ä → AE, Œ → OE …), otherwise their base letter (É → E);
// 5. no leading or trailing `<`, at most 80 characters (DCC JSON schema 1.3.x `fnt`/`gnt`).
const MAX_LENGTH = 80;
const FILLER = "<";
const SEPARATORS = " \t-,/<";
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const LETTERS = /^[A-Z]+$/;

// ICAO 9303 Part 3 §6: letters whose transliteration is not just their base letter.
const MULTI_LETTER: ReadonlyMap<string, string> = new Map([
  ["Æ", "AE"],
  ["Œ", "OE"],
  ["Ä", "AE"],
  ["Ö", "OE"],
  ["Ü", "UE"],
  ["Å", "AA"],
  ["Ø", "OE"],
  ["ß", "SS"],
  ["ẞ", "SS"],
  ["Þ", "TH"],
  ["Ð", "D"],
  ["Đ", "D"],
  ["Ł", "L"],
  ["Ħ", "H"],
  ["Ŧ", "T"],
  ["Ŋ", "N"],
  ["ı", "I"],
]);

/** What each ASCII character becomes, computed once: a letter, the filler, or nothing. */
const ASCII: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code).toUpperCase();
  if (char >= "A" && char <= "Z") return char;
  return SEPARATORS.includes(char) ? FILLER : "";
});

/** The text with its diacritics removed (Unicode NFD, then combining marks U+0300–U+036F dropped): É → E. */
export function stripDiacritics(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS, "");
}

function transliterateChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128) return ASCII[code] ?? "";
  const upper = char.toUpperCase();
  const multi = MULTI_LETTER.get(upper);
  if (multi !== undefined) return multi;
  const base = stripDiacritics(upper);
  return LETTERS.test(base) ? base : ""; // anything else (other scripts, symbols) is dropped
}

/** ICAO 9303 transliteration of a name as printed; "" when nothing of it is a letter. */
export function transliterate(name: string): string {
  let out = "";
  for (const char of name) {
    const mapped = transliterateChar(char);
    if (mapped === FILLER) {
      if (out !== "" && !out.endsWith(FILLER)) out += FILLER;
    } else {
      out += mapped;
    }
  }
  if (out.length > MAX_LENGTH) out = out.slice(0, MAX_LENGTH);
  while (out.endsWith(FILLER)) out = out.slice(0, -1);
  return out;
}
