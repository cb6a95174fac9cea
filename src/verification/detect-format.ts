// Which format a barcode is in (contract §10: "a 2D-DOC in any accepted encoding | HC1:… | a VDS-NC seal"): an HC1:
// prefix is a DCC (hcert §3.1), a JSON object is an ICAO VDS-NC seal (ICAO VDS-NC: the QR code holds JSON text),
// anything else is read as a 2D-DOC in one of its accepted encodings (contract §4).
import type { BarcodeFormat } from "./types.js";

export function detectFormat(barcode: string): BarcodeFormat {
  const start = barcode.trimStart();
  if (start.startsWith("HC1:")) return "dcc";
  if (start.startsWith("{")) return "icao";
  return "2d-doc";
}
