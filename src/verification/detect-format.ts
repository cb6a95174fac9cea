// Which format a barcode is in (docs/verification.md, "The pipeline"): an HC1:
// prefix is a DCC (hcert §3.1), a JSON object is an ICAO VDS-NC seal (ICAO VDS-NC: the QR code holds JSON text),
// anything else is read as a 2D-DOC in one of its accepted encodings (README.md "HTTP API").
import type { BarcodeFormat } from "./types.js";

export function detectFormat(barcode: string): BarcodeFormat {
  const start = barcode.trimStart();
  if (start.startsWith("HC1:")) return "dcc";
  if (start.startsWith("{")) return "icao";
  return "2d-doc";
}
