// The EU DCC value sets (eHealth Network, ehn-dcc-development/eu-dcc-valuesets), from the product's own compact copy in mappings/valuesets/.
// Loaded once at start, frozen. `active: false` codes must still be readable but are never issued.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError } from "../errors.js";

export const VALUE_SET_NAMES = [
  "disease-agent-targeted",
  "vaccine-prophylaxis",
  "vaccine-medicinal-product",
  "vaccine-mah-manf",
  "test-type",
  "test-result",
  "country-2-codes",
] as const;
export type ValueSetName = (typeof VALUE_SET_NAMES)[number];

export interface ValueSetInfo {
  readonly valueSetId: string;
  readonly valueSetDate: string;
}

export interface ValueSets {
  /** The code is in the value set (active or not): readable. */
  has(name: ValueSetName, code: string): boolean;
  /** The code is in the value set and active: issuable. */
  isActive(name: ValueSetName, code: string): boolean;
  info(name: ValueSetName): ValueSetInfo;
  /** Every code of the value set, active or not (CertLogic's `external.valueSets`, docs/verification.md). */
  codes(name: ValueSetName): readonly string[];
  /** The English display name of a code (the printable certificate), or the code itself when unnamed. */
  display(name: ValueSetName, code: string): string;
}

export const DEFAULT_VALUE_SETS_DIR = resolve(import.meta.dirname, "../../mappings/valuesets");

interface ValueSetFile extends ValueSetInfo {
  readonly codes: Readonly<Record<string, boolean>>;
  readonly displays?: Readonly<Record<string, string>>;
}

function readValueSet(dir: string, name: ValueSetName): ValueSetFile {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Partial<ValueSetFile>;
    if (
      typeof parsed.valueSetId !== "string" ||
      typeof parsed.valueSetDate !== "string" ||
      typeof parsed.codes !== "object" ||
      parsed.codes === null
    ) {
      throw new TypeError("not a value-set file");
    }
    return parsed as ValueSetFile;
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: `mappings/valuesets/${name}.json`, cause });
  }
}

export function loadValueSets(dir: string = DEFAULT_VALUE_SETS_DIR): ValueSets {
  const sets = new Map<ValueSetName, { info: ValueSetInfo; codes: ReadonlyMap<string, boolean>; displays: ReadonlyMap<string, string> }>();
  for (const name of VALUE_SET_NAMES) {
    const file = readValueSet(dir, name);
    sets.set(name, {
      info: Object.freeze({ valueSetId: file.valueSetId, valueSetDate: file.valueSetDate }),
      codes: new Map(Object.entries(file.codes)),
      displays: new Map(Object.entries(file.displays ?? {})),
    });
  }
  const get = (name: ValueSetName) => {
    const set = sets.get(name);
    if (set === undefined) throw new TypeError(`unknown value set ${name}`);
    return set;
  };
  return Object.freeze({
    has: (name: ValueSetName, code: string) => get(name).codes.has(code),
    isActive: (name: ValueSetName, code: string) => get(name).codes.get(code) === true,
    info: (name: ValueSetName) => get(name).info,
    codes: (name: ValueSetName) => [...get(name).codes.keys()],
    display: (name: ValueSetName, code: string) => get(name).displays.get(code) ?? code,
  });
}
