// Reading 2D-DOC fields for the rules: a value by its DI, a code through a table. Errors name the DI,
// never the value; an unknown source value is refused, never passed through.
import { MappingError } from "../errors.js";
import type { VerifiedDocument } from "../twoddoc/types.js";
import type { CodeTable } from "./tables.js";

/** The value of a DI. The parser guarantees every DI of B2/L1 (all mandatory, ANTS 2D-Doc Covid perimeter); still fail closed. */
export function readField(doc: VerifiedDocument, di: string): string {
  const field = Object.hasOwn(doc.fields, di) ? doc.fields[di] : undefined;
  if (field === undefined) throw new MappingError("ERR_MAPPING_INVALID_FIELD", { field: di });
  return field.value;
}

/** The table entry of a source code, or ERR_MAPPING_UNKNOWN_CODE naming the DI. */
export function lookupCode<T>(table: CodeTable<T>, key: string, di: string): T {
  const entry = table[key];
  if (entry === undefined) throw new MappingError("ERR_MAPPING_UNKNOWN_CODE", { field: di });
  return entry;
}

const COUNT = /^\d+$/;

/** A dose count (L7, L8): digits, at least 1 (DCC JSON schema 1.3.x: dn, sd ≥ 1). */
export function readCount(doc: VerifiedDocument, di: string): number {
  const value = readField(doc, di);
  const count = COUNT.test(value) ? Number(value) : 0;
  if (count < 1) throw new MappingError("ERR_MAPPING_INVALID_FIELD", { field: di });
  return count;
}
