// Compiles the product payload schema once per mode (ajv 8 + ajv-formats: the toolchain of the
// eu-dcc-schema repository's Makefile)
// and reports where the first error is — a JSON pointer, never the value found there.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { buildPayloadSchema, type SchemaMode } from "./payload-schema.js";

// ajv-formats is CommonJS: under NodeNext its default import is the module object (its `default` is the function).
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const validators = new Map<SchemaMode, ValidateFunction>();

function validatorFor(mode: SchemaMode): ValidateFunction {
  let validate = validators.get(mode);
  if (validate === undefined) {
    const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: false }); // `required` in oneOf/anyOf branches names properties declared beside them;
    addFormats(ajv);
    validate = ajv.compile(buildPayloadSchema(mode));
    validators.set(mode, validate);
  }
  return validate;
}

/**
 * The pointer of the first schema error (`/v/0/dn`; `/` for the whole payload), or `undefined` when valid.
 * A missing member is reported at its own pointer (`/v/0/mp`). Errors inside `oneOf`/`anyOf` branches are
 * skipped for the combinator itself: "exactly one of v, t, r" is one rule about the root (`/`), "fnt or gnt"
 * one rule about `/nam`.
 */
export function findSchemaError(payload: unknown, mode: SchemaMode): string | undefined {
  const validate = validatorFor(mode);
  if (validate(payload)) return undefined;
  const errors = validate.errors ?? [];
  const first = errors.find((error) => !isInsideCombinator(error)) ?? errors[0];
  return first === undefined ? "/" : pointerOf(first);
}

function isInsideCombinator(error: ErrorObject): boolean {
  return /\/(?:oneOf|anyOf)\/\d+\//.test(error.schemaPath);
}

function pointerOf(error: ErrorObject): string {
  // `missingProperty` comes from the schema (a field name we define), never from the input.
  const missing = error.keyword === "required" ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const pointer = missing === undefined ? error.instancePath : `${error.instancePath}/${missing}`;
  return pointer === "" ? "/" : pointer;
}
