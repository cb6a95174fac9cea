// The 2D-DOC stages end to end (ANTS 2D-Doc specification: read the header, message and signature zones, then verify): normalise → parse → verify.
import { normaliseInput } from "./normalise.js";
import { parseDocument } from "./parse.js";
import { assertConvertible, checkSignature } from "./verify.js";
import type { ParsedDocument, SignatureStatus, TrustStore, VerifiedDocument } from "./types.js";

export interface DecodedDocument {
  readonly document: ParsedDocument;
  readonly signature: SignatureStatus;
}

/** Decodes any accepted input form and reports the signature status (the decode-2ddoc command). */
export function decode2DDoc(input: string, trust: TrustStore): DecodedDocument {
  const document = parseDocument(normaliseInput(input));
  return { document, signature: checkSignature(document, trust) };
}

/** Decodes and gates a document for conversion: throws TwoDDocError unless it may be converted. */
export function verify2DDoc(input: string, trust: TrustStore): VerifiedDocument {
  return assertConvertible(parseDocument(normaliseInput(input)), trust);
}
