// Shape checks for the entries of one table file: each builder in tables.ts says which fields an entry
// has; anything else (a missing field, a typo, a code field the table does not declare as a checked
// target) is a broken table and stops the start with the table file as the ConfigError field.
import { tableError, type TableEntry, type TableFile } from "./table-file.js";

/** A frozen null-prototype record: lookups never reach Object.prototype (`constructor`, `__proto__`). */
export type CodeTable<T> = Readonly<Record<string, T>>;

function text(file: TableFile, entry: TableEntry, field: string): string {
  const value = entry[field];
  if (typeof value !== "string" || value === "") throw tableError(file.label, `${entry.key}.${field}: not a non-empty string`);
  return value;
}

/** A coded output field: it must be one of the table's `targets`, so the loader checked it against its value set. */
export function code(file: TableFile, entry: TableEntry, field: string): string {
  if (!file.targets.has(field)) throw tableError(file.label, `${entry.key}.${field}: not declared in targets`);
  return text(file, entry, field);
}

export function oneOf<T extends string>(file: TableFile, entry: TableEntry, field: string, allowed: readonly T[]): T {
  const value = entry[field];
  if (!(allowed as readonly unknown[]).includes(value))
    throw tableError(file.label, `${entry.key}.${field}: not one of ${allowed.join(", ")}`);
  return value as T;
}

export function flag(file: TableFile, entry: TableEntry, field: string): boolean {
  const value = entry[field];
  if (typeof value !== "boolean") throw tableError(file.label, `${entry.key}.${field}: not a boolean`);
  return value;
}

/** Refuses fields the builder does not read (a misspelt field would otherwise be silently ignored). */
export function onlyFields(file: TableFile, entry: TableEntry, fields: readonly string[]): void {
  for (const field of Object.keys(entry)) {
    if (field !== "key" && !fields.includes(field)) throw tableError(file.label, `${entry.key}.${field}: unexpected field`);
  }
}

/** Builds a frozen null-prototype table keyed by the entry keys (unique: checked by readTableFile). */
export function codeTable<T extends object>(file: TableFile, build: (entry: TableEntry) => T): CodeTable<T> {
  const table: Record<string, T> = Object.create(null) as Record<string, T>;
  for (const entry of file.entries) table[entry.key] = Object.freeze(build(entry));
  return Object.freeze(table);
}
