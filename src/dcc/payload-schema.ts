// The product's own DCC payload schema, written from the field rules of the EU DCC JSON schema 1.3.x, in two
// strengths: "issue" is what this service writes (strict in what we generate: Postel, eu-dcc-schema FAQ), "verify" is what
// the official schema accepts (tolerant in what we accept), so the verifier agrees with the EU test suite.
import {
  COUNTRY_OFFICIAL,
  COUNTRY_WRITTEN,
  DOB_OFFICIAL,
  DOB_WRITTEN,
  TRANSLITERATED,
  VERSION_OFFICIAL,
  VERSION_WRITTEN,
} from "./schema-patterns.js";
import { UVCI_MAX_LENGTH, UVCI_REGEX } from "./uvci.js";

export type SchemaMode = "issue" | "verify";
type Schema = Record<string, unknown>;

const MAX = 80; // DCC JSON schema: every free text ≤ 80 since 1.3.0
const text = (): Schema => ({ type: "string", maxLength: MAX });
const dose = (): Schema => ({ type: "integer", minimum: 1 }); // DCC JSON schema `dn`/`sd`: no upper bound since 1.3.0
const date = (): Schema => ({ type: "string", format: "date" });
const transliterated = (): Schema => ({ type: "string", pattern: TRANSLITERATED.source, maxLength: MAX }); // `fnt`/`gnt`, ICAO 9303

function rules(mode: SchemaMode) {
  const issue = mode === "issue";
  return {
    // Value-set membership is not a schema rule (EU value sets; check-payload.ts checks it); upstream types codes as
    // bare strings, we never write an empty or oversized one.
    code: issue ? { type: "string", minLength: 1, maxLength: MAX } : { type: "string" },
    issuer: issue ? { type: "string", minLength: 1, maxLength: MAX } : text(),
    closed: issue ? { additionalProperties: false } : {}, // unknown fields: never written, tolerated when read
    // The official country pattern is unanchored; we write exactly an alpha-2 code.
    country: { type: "string", pattern: (issue ? COUNTRY_WRITTEN : COUNTRY_OFFICIAL).source },
    // Our UVCIs follow the registration grammar (eHN UVCI guidelines, Annex 2); other issuers' ids are only length-checked by the schema.
    uvci: issue ? { type: "string", maxLength: UVCI_MAX_LENGTH, pattern: UVCI_REGEX.source } : { type: "string", maxLength: MAX },
    // DCC JSON schema `dob`: "" | YYYY | YYYY-MM | YYYY-MM-DD, years 1900–2099; when issuing, months and days in range too.
    dob: (issue ? DOB_WRITTEN : DOB_OFFICIAL).source,
    ver: (issue ? VERSION_WRITTEN : VERSION_OFFICIAL).source, // upstream leaves the dot unescaped
  };
}

/** JSON Schema (draft 07 keywords, ajv 8) of a DCC payload. */
export function buildPayloadSchema(mode: SchemaMode): Schema {
  const r = rules(mode);
  const entry = (properties: Schema, required: string[]): Schema => ({ type: "object", required, properties, ...r.closed });
  const group = (item: Schema): Schema => ({ type: "array", minItems: 1, maxItems: 1, items: item });
  const code = r.code;
  const common = { tg: code, co: r.country, is: r.issuer, ci: r.uvci };
  const vaccination = entry({ ...common, vp: code, mp: code, ma: code, dn: dose(), sd: dose(), dt: date() }, [
    "tg",
    "vp",
    "mp",
    "ma",
    "dn",
    "sd",
    "dt",
    "co",
    "is",
    "ci",
  ]);
  const test = entry({ ...common, tt: code, nm: text(), ma: code, sc: { type: "string", format: "date-time" }, tr: code, tc: text() }, [
    "tg",
    "tt",
    "sc",
    "tr",
    "co",
    "is",
    "ci",
  ]);
  const recovery = entry({ ...common, fr: date(), df: date(), du: date() }, ["tg", "fr", "co", "is", "df", "du", "ci"]);
  return {
    type: "object",
    required: ["ver", "nam", "dob"],
    // DCC JSON schema: exactly one of v / t / r, each holding exactly one entry.
    oneOf: [{ required: ["v"] }, { required: ["t"] }, { required: ["r"] }],
    properties: {
      ver: { type: "string", pattern: r.ver },
      nam: {
        type: "object",
        anyOf: [{ required: ["fnt"] }, { required: ["gnt"] }], // schema 1.3.2
        properties: { fn: text(), fnt: transliterated(), gn: text(), gnt: transliterated() },
        ...r.closed,
      },
      dob: { type: "string", pattern: r.dob },
      v: group(vaccination),
      t: group(test),
      r: group(recovery),
    },
    ...r.closed,
  };
}
