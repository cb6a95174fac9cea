// Composes the syntax stages of a normalised 2D-DOC (ANTS 2D-Doc specification, C40 form): header → signature zone → message.
// The header is read first so a text without a valid header is refused as such, whatever follows.
import { parseHeader } from "./header.js";
import { parseMessage } from "./message.js";
import { splitSignatureZone } from "./signature-zone.js";
import type { ParsedDocument } from "./types.js";

/** Parses a normalised 2D-DOC (see normaliseInput). Throws TwoDDocError with a syntax code. */
export function parseDocument(normalisedText: string): ParsedDocument {
  const header = parseHeader(normalisedText);
  const zone = splitSignatureZone(normalisedText, header);
  // The header holds no US (its charset excludes it), so the data zone always contains all of it.
  const fields = parseMessage(zone.data.slice(header.length), header);
  return Object.freeze({
    header,
    fields,
    // ANTS 2D-Doc signature zone: the signed bytes are exactly the ASCII text before US (trailing GS/RS included).
    signedData: Buffer.from(zone.data, "latin1"),
    signature: zone.signature,
    hasAnnex: zone.hasAnnex,
  });
}
