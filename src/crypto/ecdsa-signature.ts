// THE one place converting ECDSA signatures between DER and raw `r‖s` (one copy of each idea).
// X.509 signatures are DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 §2.2 / RFC 3279);
// COSE ES256 (RFC 8152 §8.1), 2D-DOC and PKCS#11 CKM_ECDSA use `I2OSP(r, n) ‖ I2OSP(s, n)`.
// DER → raw (SEC 1 §C.5 / RFC 9052 §8.1.1) must left-pad short integers and strip the sign byte of 33-byte integers.

/** P-256 half size: each of r and s is 32 bytes in the raw form. */
export const P256_COMPONENT_SIZE = 32;

/** Raw `r‖s` (2 × size bytes) → DER ECDSA-Sig-Value. */
export function rawToDer(raw: Uint8Array, size = P256_COMPONENT_SIZE): Buffer {
  if (raw.length !== 2 * size) throw new TypeError("raw ECDSA signature has the wrong length");
  const r = encodeInteger(raw.subarray(0, size));
  const s = encodeInteger(raw.subarray(size));
  const body = Buffer.concat([r, s]);
  return Buffer.concat([Buffer.from([0x30]), encodeLength(body.length), body]);
}

/** DER ECDSA-Sig-Value → raw `r‖s` (2 × size bytes). Throws TypeError on anything else. */
export function derToRaw(der: Uint8Array, size = P256_COMPONENT_SIZE): Buffer {
  const reader = { bytes: der, offset: 0 };
  expectByte(reader, 0x30);
  const length = readLength(reader);
  if (reader.offset + length !== der.length) throw new TypeError("DER ECDSA signature has trailing or missing bytes");
  const r = readInteger(reader, size);
  const s = readInteger(reader, size);
  if (reader.offset !== der.length) throw new TypeError("DER ECDSA signature has trailing bytes");
  return Buffer.concat([r, s]);
}

interface Reader {
  readonly bytes: Uint8Array;
  offset: number;
}

function expectByte(reader: Reader, value: number): void {
  if (reader.bytes[reader.offset] !== value) throw new TypeError("DER ECDSA signature is malformed");
  reader.offset += 1;
}

// X.690 §8.1.3: short form below 128, otherwise 0x81/0x82 + big-endian length (a signature is < 64 KiB).
function readLength(reader: Reader): number {
  const first = reader.bytes[reader.offset++];
  if (first === undefined) throw new TypeError("DER ECDSA signature is truncated");
  if (first < 0x80) return first;
  const count = first & 0x7f;
  if (count === 0 || count > 2) throw new TypeError("DER ECDSA signature length is not supported");
  let length = 0;
  for (let i = 0; i < count; i++) {
    const byte = reader.bytes[reader.offset++];
    if (byte === undefined) throw new TypeError("DER ECDSA signature is truncated");
    length = length * 256 + byte;
  }
  return length;
}

// X.690 §8.3: a positive INTEGER may carry one leading 0x00 when its top bit is set.
function readInteger(reader: Reader, size: number): Buffer {
  expectByte(reader, 0x02);
  const length = readLength(reader);
  const end = reader.offset + length;
  if (length === 0 || end > reader.bytes.length) throw new TypeError("DER ECDSA integer is malformed");
  let value = reader.bytes.subarray(reader.offset, end);
  reader.offset = end;
  if ((value[0] ?? 0) & 0x80) throw new TypeError("DER ECDSA integer is negative");
  while (value.length > 1 && value[0] === 0) value = value.subarray(1);
  if (value.length > size) throw new TypeError("DER ECDSA integer is too large");
  const out = Buffer.alloc(size);
  out.set(value, size - value.length);
  return out;
}

function encodeInteger(component: Uint8Array): Buffer {
  let start = 0;
  while (start < component.length - 1 && component[start] === 0) start++;
  const magnitude = component.subarray(start);
  const pad = (magnitude[0] ?? 0) & 0x80 ? [0] : [];
  const body = Buffer.concat([Buffer.from(pad), magnitude]);
  return Buffer.concat([Buffer.from([0x02]), encodeLength(body.length), body]);
}

/** X.690 §8.1.3 definite length, short or long form (up to 64 KiB). */
export function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  return Buffer.from([0x82, length >> 8, length & 0xff]);
}
