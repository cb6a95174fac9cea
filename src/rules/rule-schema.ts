// The shape of one rule, written from the EU gateway's rule schema (dgc-gateway `validation-rule.schema.json`,
// docs/verification.md): every field required but Region, no other property, the identifier grammar, an English
// description of at least 20 characters, dates with an explicit offset. test/vectors/rules.test.ts checks that this
// schema and the gateway's agree on every rule of the EU test data.
import { Ajv } from "ajv";
import type { Rule } from "./types.js";

const DATE_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$";
const SEMVER = "^\\d+\\.\\d+\\.\\d+$";

export const RULE_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: [
    "Identifier",
    "Type",
    "Country",
    "Version",
    "SchemaVersion",
    "Engine",
    "EngineVersion",
    "CertificateType",
    "Description",
    "ValidFrom",
    "ValidTo",
    "AffectedFields",
    "Logic",
  ],
  properties: {
    Identifier: { type: "string", pattern: "^(GR|VR|TR|RR|IR)-[A-Z]{2}-\\d{4}$" },
    Type: { enum: ["Acceptance", "Invalidation"] },
    Country: { type: "string", pattern: "^[A-Z]{2}$" },
    Region: { type: "string", pattern: "^[A-Z0-9]{0,5}$" },
    Version: { type: "string", pattern: SEMVER },
    SchemaVersion: { type: "string", pattern: SEMVER },
    Engine: { type: "string", minLength: 1 },
    EngineVersion: { type: "string", pattern: SEMVER },
    CertificateType: { enum: ["General", "Test", "Vaccination", "Recovery"] },
    Description: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["lang", "desc"],
        properties: { lang: { type: "string", pattern: "^[a-z]{2}$" }, desc: { type: "string", minLength: 1 } },
      },
      contains: { type: "object", properties: { lang: { const: "en" }, desc: { type: "string", minLength: 20 } } },
    },
    ValidFrom: { type: "string", pattern: DATE_TIME },
    ValidTo: { type: "string", pattern: DATE_TIME },
    AffectedFields: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
    Logic: { type: "object", minProperties: 1 },
  },
} as const;

const validate = new Ajv({ allErrors: false, strict: true }).compile(RULE_SCHEMA);

/** Whether a value has the shape of a gateway rule; the JSON pointer of the first problem otherwise. */
export function findRuleSchemaError(value: unknown): string | undefined {
  if (validate(value)) return undefined;
  return validate.errors?.[0]?.instancePath || "/";
}

export function isRule(value: unknown): value is Rule {
  return findRuleSchemaError(value) === undefined;
}
