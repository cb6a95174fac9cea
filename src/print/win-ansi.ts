// Text for the PDF standard fonts (ISO 32000-1 §9.6.2.2, Annex D.2): they are encoded in WinAnsiEncoding,
// which covers French (é, è, ç, œ, Œ …) but not, say, Ł or Greek. pdfkit writes an unencodable character
// as garbage, so every string is made encodable first: a character outside WinAnsi becomes its base
// letter when it has one (ş → s), its ICAO 9303 transliteration otherwise (Ł → L), else `?`. The
// machine-readable `fnt`/`gnt` line, always ASCII, carries the exact name for readers.
import { stripDiacritics, transliterate } from "../mapping/transliterate.js";

/** The code points WinAnsiEncoding adds to Latin-1 in 0x80–0x9F (ISO 32000-1 Annex D.2). */
const CP1252_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

function encodable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(char);
}

function replacement(char: string): string {
  const base = stripDiacritics(char);
  if (base !== "" && [...base].every(encodable)) return base;
  const icao = transliterate(char);
  if (icao === "") return "?"; // never a lone `<`: transliterate writes no leading or trailing filler
  return char === char.toUpperCase() ? icao : icao.toLowerCase(); // ICAO 9303 writes capitals: keep the case
}

/** The text with every character the standard fonts cannot show replaced (controls become spaces). */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text) {
    if (encodable(char)) out += char;
    else if ((char.codePointAt(0) ?? 0) < 0x20) out += " ";
    else out += replacement(char);
  }
  return out;
}
