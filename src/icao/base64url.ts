// base64url (RFC 4648 §5) as VDS-NC seals carry it: Australian seals keep the `=` padding, Japanese ones do not
// (docs/international-format.md); both are read, and this service writes it without padding.
const BASE64URL = /^[\w-]*={0,2}$/;

/** The bytes of a base64url text with or without padding; undefined for anything else (fail closed). */
export function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const body = text.slice(0, text.length - padding);
  if (body.length % 4 === 1 || (text.length !== body.length && text.length % 4 !== 0)) return undefined;
  return Buffer.from(body, "base64url");
}

export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}
