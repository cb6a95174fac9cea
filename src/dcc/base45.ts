// Base45, RFC 9285 (hcert §4.2.2). Encoding uses the `base45` package; its decoder does not validate the
// alphabet or the group values (base45 3.x), so every input is checked here first and refused with
// ERR_HC1_BASE45 rather than silently decoded into wrong bytes; validating needs the same arithmetic as
// decoding, so the decoder is the few lines below.
import base45 from "base45";
import { DccError } from "../errors.js";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) VALUE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase45(bytes: Uint8Array): string {
  return base45.encode(bytes);
}

/** RFC 9285 §4.2: a final lone character, a character outside the 45, a triple > 65535 or a pair > 255 is an error. */
export function decodeBase45(text: string): Buffer {
  if (text.length % 3 === 1) throw new DccError("ERR_HC1_BASE45");
  const values = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUE[code] ?? -1) : -1;
    if (value < 0) throw new DccError("ERR_HC1_BASE45");
    values[i] = value;
  }
  const out = Buffer.allocUnsafe(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < values.length; i += 3) {
    if (values.length - i >= 3) {
      const n = values[i]! + values[i + 1]! * 45 + values[i + 2]! * 2025;
      if (n > 0xffff) throw new DccError("ERR_HC1_BASE45");
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = values[i]! + values[i + 1]! * 45;
      if (n > 0xff) throw new DccError("ERR_HC1_BASE45");
      out[o++] = n;
    }
  }
  return out;
}
