// RFC 7512 PKCS#11 URIs, the way keys are named in the configuration (DCC_SIGNERS, UVCI_KEY, TAC_KEYS in
// README.md, "Configuration").
// Only the path component is accepted: a query (`?pin-value=…`, `?module-path=…`) would move secrets or
// module choice out of the configuration variables that own them, so it is refused (fail closed).
import { ConfigError } from "../errors.js";

export type Pkcs11ObjectType = "private" | "public" | "secret-key" | "cert" | "data";

export interface Pkcs11Uri {
  readonly token?: string;
  readonly object?: string;
  /** Bytes (a Buffer when parsed; a Uint8Array once it has crossed to the vault thread). */
  readonly id?: Uint8Array;
  readonly type?: Pkcs11ObjectType;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly serial?: string;
}

// RFC 7512 §2.3: the path attributes. Library/slot attributes select the module, which PKCS11_MODULE owns.
const TEXT_ATTRIBUTES = new Set(["token", "object", "manufacturer", "model", "serial"]);
const OBJECT_TYPES = new Set<string>(["private", "public", "secret-key", "cert", "data"]);
const PREFIX = "pkcs11:";

/** Parses an RFC 7512 URI; `field` names the configuration entry for the error (never the value). */
export function parsePkcs11Uri(uri: string, field: string): Pkcs11Uri {
  const fail = (): never => {
    throw new ConfigError("ERR_CONFIG", { field });
  };
  if (!uri.toLowerCase().startsWith(PREFIX) || uri.includes("?") || uri.includes("#")) return fail();
  const path = uri.slice(PREFIX.length);
  const result: Record<string, string | Buffer> = {};
  if (path === "") return fail();
  for (const part of path.split(";")) {
    const equals = part.indexOf("=");
    if (equals <= 0) return fail();
    const name = part.slice(0, equals).toLowerCase();
    const raw = part.slice(equals + 1);
    if (name in result) return fail();
    const bytes = percentDecode(raw) ?? fail();
    if (name === "id") {
      if (bytes.length === 0) return fail();
      result[name] = bytes;
    } else if (name === "type") {
      const type = bytes.toString("utf8");
      if (!OBJECT_TYPES.has(type)) return fail();
      result[name] = type;
    } else if (TEXT_ATTRIBUTES.has(name)) {
      const text = decodeUtf8(bytes) ?? fail();
      if (text === "") return fail();
      result[name] = text;
    } else {
      return fail();
    }
  }
  return Object.freeze(result) as Pkcs11Uri;
}

// RFC 7512 §2.3: `pk11-pchar` is unreserved / sub-delims but ";" / ":" / "&" / "@" / "%" escapes.
const PCHAR = /^[\w\-.~!$'()*+,=:[\]&@]$/;

function percentDecode(text: string): Buffer | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/i.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (PCHAR.test(char) && char !== ";") {
      bytes.push(char.charCodeAt(0));
    } else {
      return undefined;
    }
  }
  return Buffer.from(bytes);
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
