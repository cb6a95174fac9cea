// The issuance gate for a DCC payload (EU DCC JSON schema 1.3.x and the EU value sets): the product schema in its
// strict "issue" form, then value-set membership — only ACTIVE codes are issued (inactive codes stay readable,
// never written).
import { DccError } from "../errors.js";
import { findSchemaError } from "./schema-validator.js";
import { CERTIFICATE_TYPES, type CertificateType, type DccPayload } from "./types.js";
import type { ValueSets } from "./value-sets.js";
import { CODED_FIELDS } from "./coded-fields.js";
import { findBadText } from "./check-text.js";

// LOINC LP217198-3 = rapid antigen test. Its device (`t[0].ma`, the JRC list) is not bundled: this service
// never issues RAT tests (the 2D-DOC does not carry the device), so such a test is refused here.
const RAPID_ANTIGEN_TEST = "LP217198-3";

/**
 * The payload, typed, when it may be issued; otherwise DccError ERR_DCC_PAYLOAD or ERR_DCC_VALUE_SET naming the field.
 * Then its text (check-text.ts): a lone surrogate or a control character is refused before anything is encoded.
 */
export function checkPayload(payload: unknown, valueSets: ValueSets): DccPayload {
  const pointer = findSchemaError(payload, "issue") ?? findBadText(payload);
  if (pointer !== undefined) throw new DccError("ERR_DCC_PAYLOAD", { field: pointer });
  const checked = payload as DccPayload;
  for (const type of CERTIFICATE_TYPES) {
    const entry = checked[type]?.[0] as Readonly<Record<string, unknown>> | undefined;
    if (entry !== undefined) checkCodes(type, entry, valueSets);
  }
  return checked;
}

function checkCodes(type: CertificateType, entry: Readonly<Record<string, unknown>>, valueSets: ValueSets): void {
  for (const [field, valueSet] of Object.entries(CODED_FIELDS[type])) {
    const value = entry[field];
    if (typeof value !== "string" || !valueSets.isActive(valueSet, value)) {
      throw new DccError("ERR_DCC_VALUE_SET", { field: `${type}[0].${field}` });
    }
  }
  if (type === "t" && (entry["tt"] === RAPID_ANTIGEN_TEST || entry["ma"] !== undefined)) {
    throw new DccError("ERR_DCC_VALUE_SET", { field: "t[0].ma" });
  }
}
