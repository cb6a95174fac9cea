// Reading one mapping table, `mappings/<table>/<version>.json` (README.md "Layout").
// A table file is data with its provenance inside:
//   { table, version, source: "<DI>", targets: { <field>: { valueSet, valueSetId, valueSetDate } },
//     provenance: {...}, entries: [ { key, ...fields } ] }
// Entries are an array, not an object, because JSON.parse silently keeps the last of two equal keys:
// a duplicate key must stop the start, not win. Every target code must exist in the EU value set the
// table names, and be ACTIVE (EU value sets: inactive codes are readable, never issued).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import { VALUE_SET_NAMES, type ValueSetName, type ValueSets } from "../dcc/value-sets.js";
import { isJsonObject } from "../json-object.js";
import { newestVersion } from "../config/newest-version.js";

export type TableEntry = Readonly<Record<string, unknown>> & { readonly key: string };

export interface TableFile {
  readonly table: string;
  readonly version: number;
  /** `mappings/<table>/<version>.json`: the ConfigError field of every problem in this file. */
  readonly label: string;
  /** Coded output fields and the EU value set each one was checked against. */
  readonly targets: ReadonlyMap<string, ValueSetName>;
  readonly entries: readonly TableEntry[];
}

/** A broken table stops the start: the field names the file, the cause (table data only) says why. */
export function tableError(label: string, reason: string): ConfigError {
  return new ConfigError("ERR_CONFIG", { field: label, cause: new TypeError(reason) });
}

/** The highest `<n>.json` of the table's folder: a table change is a new version, the newest is used. */
function latestVersion(dir: string, table: string): number {
  let names: string[];
  try {
    names = readdirSync(join(dir, table));
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: `mappings/${table}`, cause });
  }
  const version = newestVersion(names);
  if (version === undefined) throw tableError(`mappings/${table}`, "no <version>.json file");
  return version;
}

function isValueSetName(name: unknown): name is ValueSetName {
  return typeof name === "string" && (VALUE_SET_NAMES as readonly string[]).includes(name);
}

/** `targets` names, for each coded output field, the EU value set it is checked against. */
function readTargets(raw: unknown, label: string, valueSets: ValueSets): ReadonlyMap<string, ValueSetName> {
  if (!isJsonObject(raw)) throw tableError(label, "targets is not an object");
  const targets = new Map<string, ValueSetName>();
  for (const [field, target] of Object.entries(raw)) {
    if (!isJsonObject(target) || !isValueSetName(target["valueSet"])) throw tableError(label, `targets.${field}: unknown value set`);
    if (target["valueSetId"] !== valueSets.info(target["valueSet"]).valueSetId || typeof target["valueSetDate"] !== "string") {
      throw tableError(label, `targets.${field}: valueSetId differs from the bundled value set`);
    }
    targets.set(field, target["valueSet"]);
  }
  return targets;
}

function checkEntries(raw: unknown, label: string, targets: ReadonlyMap<string, ValueSetName>, valueSets: ValueSets): TableEntry[] {
  if (!Array.isArray(raw) || raw.length === 0) throw tableError(label, "entries is not a non-empty array");
  const seen = new Set<string>();
  return raw.map((entry: unknown, index) => {
    if (!isJsonObject(entry) || typeof entry["key"] !== "string" || entry["key"] === "")
      throw tableError(label, `entries[${index}].key missing`);
    if (seen.has(entry["key"])) throw tableError(label, `entries[${index}]: duplicate key ${entry["key"]}`);
    seen.add(entry["key"]);
    for (const [field, valueSet] of targets) {
      const code = entry[field];
      if (code === undefined) continue;
      if (typeof code !== "string" || !valueSets.has(valueSet, code))
        throw tableError(label, `entries[${index}].${field}: not in ${valueSet}`);
      if (!valueSets.isActive(valueSet, code)) throw tableError(label, `entries[${index}].${field}: not active in ${valueSet}`);
    }
    return entry as TableEntry;
  });
}

/** Reads, shape-checks and value-set-checks the newest version of one table. */
export function readTableFile(dir: string, table: string, valueSets: ValueSets): TableFile {
  const version = latestVersion(dir, table);
  const label = `mappings/${table}/${version}.json`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dir, table, `${version}.json`), "utf8"));
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: label, cause });
  }
  if (!isJsonObject(parsed) || parsed["table"] !== table || parsed["version"] !== version) {
    throw tableError(label, "table name or version differs from the file path");
  }
  if (typeof parsed["source"] !== "string" || !isJsonObject(parsed["provenance"])) throw tableError(label, "source or provenance missing");
  const targets = readTargets(parsed["targets"], label, valueSets);
  return { table, version, label, targets, entries: checkEntries(parsed["entries"], label, targets, valueSets) };
}
