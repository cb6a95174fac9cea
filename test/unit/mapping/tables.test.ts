// The mapping tables load, are checked against the EU value sets, are frozen, and a broken table stops
// the start with ERR_CONFIG naming the table file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newestVersion } from "../../../src/config/newest-version.js";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { DEFAULT_MAPPINGS_DIR, loadMappingTables, TABLE_NAMES } from "../../../src/mapping/tables.js";

const valueSets = loadValueSets();

type TableJson = { table: string; version: number; targets: Record<string, unknown>; entries: Record<string, unknown>[] } & Record<
  string,
  unknown
>;

/** The file of a table's newest version, the one the loader reads (`<n>.json`, the highest n). */
function newestFile(table: string): string {
  return `${newestVersion(readdirSync(join(DEFAULT_MAPPINGS_DIR, table)))}.json`;
}

/** A temporary copy of mappings/ where one table's newest file is edited; removed after the check. */
function withEditedTable(table: string, edit: (json: TableJson) => void, check: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "mappings-"));
  try {
    for (const name of TABLE_NAMES) cpSync(join(DEFAULT_MAPPINGS_DIR, name), join(dir, name), { recursive: true });
    const file = join(dir, table, newestFile(table));
    const json = JSON.parse(readFileSync(file, "utf8")) as TableJson;
    edit(json);
    writeFileSync(file, JSON.stringify(json));
    check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table is refused with the file as field, and the cause (for the operator's log) says why. */
function assertBroken(table: string, reason: RegExp, edit: (json: TableJson) => void): void {
  withEditedTable(table, edit, (dir) => {
    assert.throws(
      () => loadMappingTables(dir, valueSets),
      (error: unknown) => {
        assert.ok(error instanceof Error && "code" in error && "field" in error);
        assert.equal(error.code, "ERR_CONFIG");
        assert.equal(error.field, `mappings/${table}/${newestFile(table)}`);
        assert.match(String((error.cause as Error | undefined)?.message), reason);
        return true;
      },
    );
  });
}

test("every table loads from mappings/, checked, with its version in one string", () => {
  const tables = loadMappingTables(undefined, valueSets);
  assert.equal(tables.version, "cycle-state@1,disease@1,test-result@1,test-type@2,vaccine@1");
  assert.deepEqual(tables.disease["COVID-19"], { tg: "840539006" });
  assert.deepEqual(tables.testTypes["943092"], { kind: "pcr", tt: "LP6464-4", tg: "840539006" });
  assert.deepEqual(tables.testTypes["94558"], { kind: "antigen", tt: "LP217198-3", tg: "840539006" });
  assert.deepEqual(tables.testTypes["947622"], { kind: "serology" });
  assert.deepEqual(tables.testResults["N"], { outcome: "negative", tr: "260415000" });
  assert.deepEqual(tables.testResults["X"], { outcome: "refused" });
  assert.deepEqual(tables.cycleStates["TE"], { complete: true });
  assert.deepEqual(
    tables.vaccines.map((product) => [product.product, product.mp, product.ma, product.vp]),
    [
      ["Comirnaty", "EU/1/20/1528", "ORG-100030215", "1119349007"],
      ["Spikevax", "EU/1/20/1507", "ORG-100031184", "1119349007"],
      ["Vaxzevria", "EU/1/21/1529", "ORG-100001699", "29061000087103"],
      ["Jcovden", "EU/1/20/1525", "ORG-100001417", "29061000087103"],
    ],
  );
});

test("loaded tables are frozen null-prototype tables: no inherited key resolves, nothing can be added", () => {
  const tables = loadMappingTables(undefined, valueSets);
  assert.equal(tables.disease["constructor"], undefined);
  assert.equal(tables.testResults["__proto__"], undefined);
  assert.ok(Object.isFrozen(tables) && Object.isFrozen(tables.disease) && Object.isFrozen(tables.vaccines));
  assert.ok(Object.isFrozen(tables.testTypes["945006"]) && Object.isFrozen(tables.vaccines[0]));
  assert.throws(() => {
    (tables.disease as Record<string, unknown>)["COVID"] = { tg: "x" };
  }, TypeError);
});

test("an unknown target code stops the start, naming the table", () => {
  assertBroken("vaccine", /mp: not in vaccine-medicinal-product/, (json) => {
    json.entries[0]!["mp"] = "EU/1/20/9999";
  });
  assertBroken("test-result", /tr: not in test-result/, (json) => {
    json.entries[0]!["tr"] = "123456";
  });
});

test("an inactive target code stops the start (we issue): the deprecated ATC J07BX03 as vp", () => {
  assert.equal(valueSets.has("vaccine-prophylaxis", "J07BX03"), true);
  assertBroken("vaccine", /vp: not active in vaccine-prophylaxis/, (json) => {
    json.entries[1]!["vp"] = "J07BX03";
  });
});

test("a duplicate key stops the start, whether a source code or a vaccine word", () => {
  assertBroken("test-type", /duplicate key 943092/, (json) => {
    json.entries.push({ ...json.entries[0]! });
  });
  assertBroken("vaccine", /duplicate key MODERNA/, (json) => {
    json.entries[2]!["words"] = ["VAXZEVRIA", "MODERNA"];
  });
});

test("a wrong shape stops the start: unexpected field, missing field, code outside the targets, bad wording", () => {
  assertBroken("disease", /tgg: unexpected field/, (json) => {
    json.entries[0]!["tgg"] = "840539006";
  });
  assertBroken("test-type", /tt: not a non-empty string/, (json) => {
    delete json.entries[0]!["tt"];
  });
  assertBroken("test-result", /outcome: not one of/, (json) => {
    json.entries[0]!["outcome"] = "maybe";
  });
  assertBroken("cycle-state", /complete: not a boolean/, (json) => {
    json.entries[0]!["complete"] = "no";
  });
  assertBroken("vaccine", /vp: not declared in targets/, (json) => {
    delete json.targets["vp"];
  });
  assertBroken("vaccine", /words: not upper-case words/, (json) => {
    json.entries[0]!["words"] = ["comirnaty"];
  });
  assertBroken("disease", /key not in normal form/, (json) => {
    json.entries[0]!["key"] = "covid-19";
  });
  assertBroken("disease", /entries is not a non-empty array/, (json) => {
    json.entries = [];
  });
  assertBroken("disease", /provenance missing/, (json) => {
    delete json["provenance"];
  });
  assertBroken("disease", /differs from the file path/, (json) => {
    json.version = 2;
  });
});

test("a table checked against another value set than the bundled one stops the start", () => {
  assertBroken("vaccine", /valueSetId differs/, (json) => {
    (json.targets["mp"] as Record<string, unknown>)["valueSetId"] = "vaccines-covid-19-other";
  });
  assertBroken("vaccine", /unknown value set/, (json) => {
    (json.targets["mp"] as Record<string, unknown>)["valueSet"] = "no-such-set";
  });
});

test("a missing table or file stops the start, naming it", () => {
  withEditedTable(
    "disease",
    () => undefined,
    (dir) => {
      rmSync(join(dir, "cycle-state"), { recursive: true });
      assert.throws(() => loadMappingTables(dir, valueSets), { code: "ERR_CONFIG", field: "mappings/cycle-state" });
    },
  );
  withEditedTable(
    "disease",
    () => undefined,
    (dir) => {
      rmSync(join(dir, "disease", "1.json"));
      assert.throws(() => loadMappingTables(dir, valueSets), { code: "ERR_CONFIG", field: "mappings/disease" });
    },
  );
  withEditedTable(
    "disease",
    () => undefined,
    (dir) => {
      writeFileSync(join(dir, "disease", "1.json"), "{ not json");
      assert.throws(() => loadMappingTables(dir, valueSets), { code: "ERR_CONFIG", field: "mappings/disease/1.json" });
    },
  );
});

test("a new table version is used as soon as it exists, and shows in the version string", () => {
  withEditedTable(
    "disease",
    () => undefined,
    (dir) => {
      const next = JSON.parse(readFileSync(join(dir, "disease", "1.json"), "utf8")) as TableJson;
      next.version = 2;
      next.entries.push({ key: "SARS-COV-2", tg: "840539006" });
      writeFileSync(join(dir, "disease", "2.json"), JSON.stringify(next));
      const tables = loadMappingTables(dir, valueSets);
      assert.equal(tables.version, "cycle-state@1,disease@2,test-result@1,test-type@2,vaccine@1");
      assert.deepEqual(tables.disease["SARS-COV-2"], { tg: "840539006" });
    },
  );
});
