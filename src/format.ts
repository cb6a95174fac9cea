// The output format a conversion is asked for (contract §9; docs/international-format.md): `dcc`, the EU Digital
// COVID Certificate (the default), or `icao`, the ICAO VDS-NC seal. Read once from a request body, a batch line or
// the command line; anything else is ERR_FORMAT (400), naming the field and never echoing the value.
import { RequestError } from "./errors.js";

export const FORMATS = ["dcc", "icao"] as const;
export type Format = (typeof FORMATS)[number];

/** `undefined` → the default (`fallback`, `dcc` unless a batch says otherwise); a string of FORMATS; else ERR_FORMAT. */
export function parseFormat(value: unknown, fallback: Format = "dcc"): Format {
  if (value === undefined) return fallback;
  const format = FORMATS.find((name) => name === value);
  if (format === undefined) throw new RequestError("ERR_FORMAT", { field: "format" });
  return format;
}
