// Strict RFC 4648 §6 base32 (alphabet A–Z 2–7), as used by the 2D-DOC signature zone (ANTS 2D-Doc).
// Written here because it is a dozen lines and must be strict: no lower case, no whitespace, no
// non-zero leftover bits (so one signature has exactly one spelling); `=` padding is tolerated.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** Char code → 5-bit value, -1 outside the alphabet (a table: this runs on every document). */
const VALUES = new Int8Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index += 1) VALUES[ALPHABET.charCodeAt(index)] = index;
/** Unpadded lengths mod 8 that a whole number of bytes can produce. */
const VALID_REMAINDERS = new Set([0, 2, 4, 5, 7]);

/** Decodes base32, or returns `undefined` when the text is not canonical base32. */
export function decodeBase32(text: string): Buffer | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end -= 1; // trailing `=`, by index: linear
  const unpadded = text.slice(0, end);
  const padding = text.length - end;
  if (padding > 0 && text.length % 8 !== 0) return undefined;
  if (!VALID_REMAINDERS.has(unpadded.length % 8) || padding > 6) return undefined;
  const bytes = Buffer.alloc(Math.floor((unpadded.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let position = 0; position < unpadded.length; position += 1) {
    const value = VALUES[unpadded.charCodeAt(position)] ?? -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return (buffer & ((1 << bits) - 1)) === 0 ? bytes : undefined;
}
