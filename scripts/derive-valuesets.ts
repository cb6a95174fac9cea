// Writes mappings/valuesets/<name>.json: the product's own compact copy of the EU DCC value-set codes
// (code → active, code → English display name), derived from the official release read in place (DCC_VECTORS_DIR, ../shared/vectors).
// Run: node --import tsx scripts/derive-valuesets.ts. test/vectors/valuesets.test.ts checks they still agree.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { VALUE_SET_NAMES } from "../src/dcc/value-sets.js";

const vectors = resolve(process.env["DCC_VECTORS_DIR"] ?? resolve(import.meta.dirname, "../../shared/vectors"));
const out = resolve(import.meta.dirname, "../mappings/valuesets");

for (const name of VALUE_SET_NAMES) {
  const official = JSON.parse(readFileSync(join(vectors, "dcc/valuesets", `${name}.json`), "utf8")) as {
    valueSetId: string;
    valueSetDate: string;
    valueSetValues: Record<string, { active: boolean; display: string }>;
  };
  const codes = Object.fromEntries(Object.entries(official.valueSetValues).map(([code, v]) => [code, v.active]));
  const displays = Object.fromEntries(Object.entries(official.valueSetValues).map(([code, v]) => [code, v.display]));
  const table = {
    valueSetId: official.valueSetId,
    valueSetDate: official.valueSetDate,
    provenance:
      "ehn-dcc-development/eu-dcc-valuesets release 2.12.0 (guidelines v1.15), commit 60ea3d8, Apache-2.0; codes, their active flag and English display name",
    codes,
    displays,
  };
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(table, null, 2)}\n`);
}
