// 2D-DOC → DCC payload, one rule file per document type.
// Input: a VerifiedDocument (signature checked, French signer: the verifier ran before). Output: a
// payload whose `ci` is "": the orchestrator derives the UVCI, sets it with withUvci, checks the payload.
import { TwoDDocError } from "../errors.js";
import type { DccPayload } from "../dcc/types.js";
import { isCovidDocument, type CovidDocumentType, type VerifiedDocument } from "../twoddoc/types.js";
import type { MappedCertificate, MappingOptions } from "./options.js";
import type { MappingTables } from "./tables.js";
import { mapTest } from "./covid-test.js";
import { mapVaccination } from "./vaccination.js";

export type { MappedCertificate, MappingOptions } from "./options.js";

/** One rule per Covid document (ANTS 2D-Doc, perimeter 01): B2 test results, L1 vaccinations. */
const RULES: Readonly<Record<CovidDocumentType, typeof mapTest>> = { B2: mapTest, L1: mapVaccination };

export function mapDocument(doc: VerifiedDocument, tables: MappingTables, options: MappingOptions): MappedCertificate {
  // Defence in depth: the verifier already refused other types; a B2 of another perimeter is another document.
  const header = doc.header;
  if (!isCovidDocument(header)) throw new TwoDDocError("ERR_2DDOC_DOCUMENT_TYPE", { field: "header" });
  return RULES[header.documentType](doc, tables, options);
}

/** A new payload with the UVCI set in its one entry (the input is left untouched). */
export function withUvci(payload: DccPayload, uvci: string): DccPayload {
  const { v, t, r, ...person } = payload;
  const copy: DccPayload = { ...person, nam: { ...payload.nam } };
  if (v !== undefined) copy.v = [{ ...v[0], ci: uvci }];
  if (t !== undefined) copy.t = [{ ...t[0], ci: uvci }];
  if (r !== undefined) copy.r = [{ ...r[0], ci: uvci }];
  return copy;
}
