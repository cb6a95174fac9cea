// The mapping tables (README.md "Layout"): `mappings/<table>/<version>.json`, loaded
// once at start, checked against the bundled EU value sets (every target code exists and is active),
// frozen. The versions in use form `version` (`cycle-state@1,disease@1,…`): start-up log and metric label.
import { resolve } from "node:path";
import { loadValueSets, type ValueSets } from "../dcc/value-sets.js";
import { readTableFile, tableError, type TableFile } from "./table-file.js";
import { code, codeTable, flag, oneOf, onlyFields, type CodeTable } from "./table-entries.js";
import { normaliseWording } from "./wording.js";
import { prepareParisOffsets } from "./paris-offsets.js";

export type { CodeTable } from "./table-entries.js";

export const TABLE_NAMES = ["cycle-state", "disease", "test-result", "test-type", "vaccine"] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const DEFAULT_MAPPINGS_DIR = resolve(import.meta.dirname, "../../mappings");

/** L3 → `tg`. */
export interface DiseaseTarget {
  readonly tg: string;
}
/** A product recognised by words of L5/L6 → `mp`, `ma`, `vp`. `words` are padded (` ASTRA ZENECA `). */
export interface VaccineProduct {
  readonly product: string;
  readonly words: readonly string[];
  readonly mp: string;
  readonly ma: string;
  readonly vp: string;
}
/**
 * F4 (LOINC) → what kind of test, and for a PCR or antigen test its EU test type and disease. Only a PCR is converted
 * (an antigen test lacks the RAT device id); the verification judges both (docs/verification.md "The pipeline").
 */
export interface CodedTestType {
  readonly kind: "pcr" | "antigen";
  readonly tt: string;
  readonly tg: string;
}
export type TestType = CodedTestType | { readonly kind: "serology" };
/** F5 → `tr`, or a refusal (I, X). */
export type TestResult = { readonly outcome: "negative" | "positive"; readonly tr: string } | { readonly outcome: "refused" };
/** LA → whether the cycle is completed. */
export interface CycleState {
  readonly complete: boolean;
}

export interface MappingTables {
  readonly version: string;
  readonly disease: CodeTable<DiseaseTarget>;
  readonly vaccines: readonly VaccineProduct[];
  readonly testTypes: CodeTable<TestType>;
  readonly testResults: CodeTable<TestResult>;
  readonly cycleStates: CodeTable<CycleState>;
}

function buildDisease(file: TableFile): CodeTable<DiseaseTarget> {
  return codeTable(file, (entry) => {
    onlyFields(file, entry, ["tg"]);
    // Lookups normalise L3 first: a key not in that form could never match.
    if (normaliseWording(entry.key) !== entry.key) throw tableError(file.label, `${entry.key}: key not in normal form`);
    return { tg: code(file, entry, "tg") };
  });
}

const WORDS = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;

function buildVaccines(file: TableFile): readonly VaccineProduct[] {
  const owners = new Map<string, string>();
  return Object.freeze(
    file.entries.map((entry) => {
      onlyFields(file, entry, ["words", "mp", "ma", "vp"]);
      const words = entry["words"];
      if (!Array.isArray(words) || words.length === 0) throw tableError(file.label, `${entry.key}.words: not a non-empty array`);
      for (const word of words) {
        if (typeof word !== "string" || !WORDS.test(word)) throw tableError(file.label, `${entry.key}.words: not upper-case words`);
        // A word naming two products would make the match depend on table order: a duplicate key.
        if (owners.has(word)) throw tableError(file.label, `${entry.key}.words: duplicate key ${word}`);
        owners.set(word, entry.key);
      }
      const padded = Object.freeze((words as string[]).map((word) => ` ${word} `));
      return Object.freeze({
        product: entry.key,
        words: padded,
        mp: code(file, entry, "mp"),
        ma: code(file, entry, "ma"),
        vp: code(file, entry, "vp"),
      });
    }),
  );
}

function buildTestTypes(file: TableFile): CodeTable<TestType> {
  return codeTable(file, (entry): TestType => {
    const kind = oneOf(file, entry, "kind", ["pcr", "antigen", "serology"] as const);
    if (kind === "serology") {
      onlyFields(file, entry, ["kind"]);
      return { kind };
    }
    onlyFields(file, entry, ["kind", "tt", "tg"]);
    return { kind, tt: code(file, entry, "tt"), tg: code(file, entry, "tg") };
  });
}

function buildTestResults(file: TableFile): CodeTable<TestResult> {
  return codeTable(file, (entry): TestResult => {
    const outcome = oneOf(file, entry, "outcome", ["negative", "positive", "refused"] as const);
    if (outcome === "refused") {
      onlyFields(file, entry, ["outcome"]);
      return { outcome };
    }
    onlyFields(file, entry, ["outcome", "tr"]);
    return { outcome, tr: code(file, entry, "tr") };
  });
}

function buildCycleStates(file: TableFile): CodeTable<CycleState> {
  return codeTable(file, (entry) => {
    onlyFields(file, entry, ["complete"]);
    return { complete: flag(file, entry, "complete") };
  });
}

/** Loads every table (newest version of each) or throws ConfigError ERR_CONFIG naming the broken file. */
export function loadMappingTables(dir: string = DEFAULT_MAPPINGS_DIR, valueSets: ValueSets): MappingTables {
  const files = new Map(TABLE_NAMES.map((name) => [name, readTableFile(dir, name, valueSets)] as const));
  const file = (name: TableName): TableFile => files.get(name) as TableFile;
  prepareParisOffsets(); // precomputed at load: the per-document F6 reading stays a table look-up
  return Object.freeze({
    version: TABLE_NAMES.map((name) => `${name}@${file(name).version}`).join(","),
    disease: buildDisease(file("disease")),
    vaccines: buildVaccines(file("vaccine")),
    testTypes: buildTestTypes(file("test-type")),
    testResults: buildTestResults(file("test-result")),
    cycleStates: buildCycleStates(file("cycle-state")),
  });
}

/** The bundled value sets and the mapping tables checked against them: what the conversion and the verification map with. */
export function loadMappingData(dir: string = DEFAULT_MAPPINGS_DIR): { valueSets: ValueSets; tables: MappingTables } {
  const valueSets = loadValueSets();
  return { valueSets, tables: loadMappingTables(dir, valueSets) };
}
