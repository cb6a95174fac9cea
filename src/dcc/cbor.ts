// CBOR for the CWT claims, the COSE headers, the Sig_structure and COSE_Sign1 (RFC 8949; RFC 9052 §4.4; hcert §3.3).
// One encoder and one decoder for the whole process: building them is the expensive part.
// cbor-x options: `useRecords: false` (no cbor-x record extension), `mapsAsObjects: false` (a Map keeps its
// integer keys: claim 1, 4, 6, -260 are CBOR integers, not text), `tagUint8Array: false` (a bstr is a plain
// major type 2, never tag 64), `variableMapSize: true` (the smallest map header, as every peer writes).
import { Decoder, Encoder, Tag } from "cbor-x";

export { Tag };

const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, variableMapSize: true });
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

/** CBOR bytes of a value. The returned Buffer is a view that later encodings never overwrite. */
export function encodeCbor(value: unknown): Buffer {
  return encoder.encode(value);
}

/** One CBOR data item; throws (cbor-x Error) on truncated input or trailing bytes. Maps stay `Map`s. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decoder.decode(bytes);
}

/**
 * A decoded DCC (maps with text keys) back to JSON values (DCC JSON schema 1.3.x): maps → plain objects, tag-0 / tag-1
 * dates (cbor-x gives `Date`) → RFC 3339 text, byte strings kept. Throws TypeError on a non-text map key.
 */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Map) {
    const entries: [string, unknown][] = [];
    for (const [key, item] of value) {
      if (typeof key !== "string") throw new TypeError("map key is not text");
      entries.push([key, toJsonValue(item)]);
    }
    // Object.fromEntries defines own properties: a "__proto__" key cannot reach the prototype.
    return Object.fromEntries(entries);
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().replace(".000Z", "Z");
  if (value instanceof Tag) throw new TypeError("unexpected CBOR tag in the DCC");
  return value;
}
