// The one reader of configuration files (docs/configuration.md). A file is named by a variable; whatever is wrong
// with it — unreadable, not JSON, not the shape its JSON Schema gives, a PEM file without a certificate — is the same
// ConfigError naming the variable, and the entry (`DCC_SIGNERS[1]`) when the file is a list: never a value from the
// file (JSON.parse messages quote the input; they stay the cause, for the operator's log only).
import { readFileSync } from "node:fs";
import { Ajv, type SchemaObject, type ValidateFunction } from "ajv";
import { pemCertificateBlocks } from "../crypto/pem.js";
import { ConfigError } from "../errors.js";

// allErrors off: the first problem names the entry, the start stops there (the file is fixed, then read again).
const ajv = new Ajv({ strict: true, allErrors: false });
const compiled = new WeakMap<SchemaObject, ValidateFunction>();

/** The error of a configuration file: the variable, with the list entry when there is one. */
export function configFileError(variable: string, entry?: number, cause?: unknown): ConfigError {
  const field = entry === undefined ? variable : `${variable}[${entry}]`;
  return new ConfigError("ERR_CONFIG", cause === undefined ? { field } : { field, cause });
}

/** The JSON Schema of a file that lists entries: a non-empty array of objects of the entry's schema. */
export function listOf(entry: SchemaObject): SchemaObject {
  return { type: "array", minItems: 1, items: { type: "object", ...entry } };
}

/** A non-empty string; `pattern` when given. */
export function text(pattern?: string): SchemaObject {
  return pattern === undefined ? { type: "string", minLength: 1 } : { type: "string", pattern };
}

/** A non-empty list of `choices`. */
export function someOf(choices: readonly string[]): SchemaObject {
  return { type: "array", minItems: 1, items: { enum: [...choices] } };
}

/** The text of a file named by `variable`. */
export function readConfigText(path: string, variable: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw configFileError(variable, undefined, cause);
  }
}

/** A JSON file named by `variable`, checked against `schema` (JSON Schema, ajv 8); `T` is the shape the schema gives. */
export function readConfigJson<T>(path: string, variable: string, schema: SchemaObject): T {
  const text = readConfigText(path, variable);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw configFileError(variable, undefined, cause);
  }
  let validate = compiled.get(schema);
  if (validate === undefined) compiled.set(schema, (validate = ajv.compile(schema)));
  if (!validate(parsed)) throw configFileError(variable, entryOf(validate.errors?.[0]?.instancePath));
  return parsed as T;
}

/** A PEM certificate file (at least one CERTIFICATE block) named by `field`. */
export function readConfigPem(path: string, field: string): string {
  const text = readConfigText(path, field);
  if (pemCertificateBlocks(text).length === 0) throw new ConfigError("ERR_CONFIG", { field });
  return text;
}

// "/1/types/0" → 1: the entry of a list; the names inside an entry stay out of the error.
function entryOf(instancePath: string | undefined): number | undefined {
  const match = /^\/(\d+)(?:\/|$)/.exec(instancePath ?? "");
  return match === null ? undefined : Number(match[1]);
}
