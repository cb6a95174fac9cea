// The verifier's schema stage (EU dgc-testdata EXPECTEDSCHEMAVALIDATION): the product schema in its
// official-compatible "verify" form — what ajv 8 + ajv-formats accept against schema 1.3.3 — which already
// holds "exactly one of v/t/r with one entry". Optionally, value-set membership (readable codes, EU value sets).
import { DccError } from "../errors.js";
import { findSchemaError } from "./schema-validator.js";
import { findCertificateType, type CertificateType } from "./types.js";
import type { ValueSets } from "./value-sets.js";
import { CODED_FIELDS } from "./coded-fields.js";

/** Which of v/t/r the (schema-valid) payload carries. */
export function typeOfPayload(payload: unknown): CertificateType {
  const type = typeof payload === "object" && payload !== null ? findCertificateType(payload) : undefined;
  if (type === undefined) throw new DccError("ERR_DCC_SCHEMA");
  return type;
}

export function checkDccSchema(payload: unknown, valueSets?: ValueSets): void {
  const pointer = findSchemaError(payload, "verify");
  if (pointer !== undefined) throw new DccError("ERR_DCC_SCHEMA", { field: pointer });
  if (valueSets === undefined) return;
  const type = typeOfPayload(payload);
  const entry = ((payload as Record<string, unknown>)[type] as Record<string, unknown>[])[0] ?? {};
  for (const [field, name] of Object.entries(CODED_FIELDS[type])) {
    const value = entry[field];
    if (typeof value !== "string" || !valueSets.has(name, value)) throw new DccError("ERR_DCC_SCHEMA", { field: `${type}[0].${field}` });
  }
}
