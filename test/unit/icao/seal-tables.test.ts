// mappings/icao-vaccine-type (src/icao/seal-tables.ts): every product of the vaccine table has its ICD-11 type and
// name; a missing row, an unknown code or an extra field stops the start naming the table file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { DEFAULT_MAPPINGS_DIR, loadMappingTables } from "../../../src/mapping/tables.js";
import { loadSealTables } from "../../../src/icao/seal-tables.js";

const valueSets = loadValueSets();
const tables = loadMappingTables(DEFAULT_MAPPINGS_DIR, valueSets);
const LABEL = "mappings/icao-vaccine-type/1.json";

test("the bundled table gives each product its ICD-11 type and name", () => {
  const seal = loadSealTables(DEFAULT_MAPPINGS_DIR, valueSets, tables);
  assert.equal(seal.version, "icao-vaccine-type@1");
  assert.deepEqual({ ...seal.vaccines["Comirnaty"] }, { des: "XM0GQ8", nam: "Comirnaty" });
  assert.deepEqual({ ...seal.vaccines["Jcovden"] }, { des: "XM9QW8", nam: "Jcovden" });
  assert.equal(Object.isFrozen(seal.vaccines), true);
});

test("a missing product, a code that is no ICD-11 COVID-19 vaccine, an extra field: the start stops naming the file", () => {
  const edits: ((entries: Record<string, unknown>[]) => Record<string, unknown>[])[] = [
    (entries) => entries.filter((entry) => entry["key"] !== "Spikevax"),
    (entries) => entries.map((entry) => (entry["key"] === "Spikevax" ? { ...entry, des: "J07BX03" } : entry)),
    (entries) => entries.map((entry) => (entry["key"] === "Spikevax" ? { ...entry, lot: "x" } : entry)),
  ];
  for (const edit of edits) {
    const dir = mkdtempSync(join(tmpdir(), "seal-tables-"));
    try {
      cpSync(join(DEFAULT_MAPPINGS_DIR, "icao-vaccine-type"), join(dir, "icao-vaccine-type"), { recursive: true });
      const file = join(dir, "icao-vaccine-type", "1.json");
      const json = JSON.parse(readFileSync(file, "utf8")) as { entries: Record<string, unknown>[] };
      writeFileSync(file, JSON.stringify({ ...json, entries: edit(json.entries) }));
      assert.throws(() => loadSealTables(dir, valueSets, tables), { code: "ERR_CONFIG", field: LABEL });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
