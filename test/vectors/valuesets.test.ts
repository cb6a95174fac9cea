// The product's compact value sets (mappings/valuesets) agree with the official EU release, code by code,
// and the vaccine table follows the official vaccine-encoding-instructions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadValueSets, VALUE_SET_NAMES } from "../../src/dcc/value-sets.js";
import { loadMappingTables } from "../../src/mapping/tables.js";
import { vectorsDir } from "../support/vectors.js";

const dir = vectorsDir("value sets");

test(
  "every bundled value set matches the official release (codes, active flags, display names, id, date)",
  { skip: dir === undefined },
  () => {
    const sets = loadValueSets();
    for (const name of VALUE_SET_NAMES) {
      const official = JSON.parse(readFileSync(join(dir!, "dcc/valuesets", `${name}.json`), "utf8")) as {
        valueSetId: string;
        valueSetDate: string;
        valueSetValues: Record<string, { active: boolean; display: string }>;
      };
      assert.equal(sets.info(name).valueSetId, official.valueSetId, name);
      assert.equal(sets.info(name).valueSetDate, official.valueSetDate, name);
      for (const [code, value] of Object.entries(official.valueSetValues)) {
        assert.ok(sets.has(name, code), `${name} ${code}`);
        assert.equal(sets.isActive(name, code), value.active, `${name} ${code} active`);
        assert.equal(sets.display(name, code), value.display, `${name} ${code} display`);
      }
    }
  },
);

test("lookups distinguish readable, issuable and unknown codes", () => {
  const sets = loadValueSets();
  assert.equal(sets.isActive("vaccine-medicinal-product", "EU/1/20/1528"), true);
  assert.equal(sets.has("vaccine-prophylaxis", "J07BX03"), true);
  assert.equal(sets.isActive("vaccine-prophylaxis", "J07BX03"), false);
  assert.equal(sets.has("test-result", "999"), false);
  assert.equal(sets.display("vaccine-medicinal-product", "EU/1/20/1528"), "Comirnaty");
  assert.equal(sets.display("test-result", "999"), "999");
  assert.throws(() => loadValueSets("/nonexistent"), { code: "ERR_CONFIG" });
});

test("each vaccine entry follows the official vaccine-encoding-instructions (mp, ma, allowed vp)", { skip: dir === undefined }, () => {
  const instructions = JSON.parse(readFileSync(join(dir!, "dcc/valuesets/vaccine-encoding-instructions.json"), "utf8")) as {
    valueSetValues: Record<string, { "vaccine-code": string; "vaccine-manufacturer": string; "sct-codes": string[] }>;
  };
  const tables = loadMappingTables(undefined, loadValueSets());
  for (const product of tables.vaccines) {
    const official = instructions.valueSetValues[product.product];
    assert.ok(official !== undefined, product.product);
    assert.equal(product.mp, official["vaccine-code"], product.product);
    assert.equal(product.ma, official["vaccine-manufacturer"], product.product);
    assert.ok(official["sct-codes"].includes(product.vp), `${product.product} vp`);
  }
});
