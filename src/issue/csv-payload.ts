// One CSV record → the POST /v1/certificates payload it stands for (columns in
// docs/batch-and-issuance.md). Cells are copied into the payload as they are; every check is the
// endpoint's own (issue-certificate.ts), so a CSV line is accepted or refused exactly as the same
// payload sent over HTTP. Conveniences, each stated in the docs: an empty cell leaves its field out,
// `dn`/`sd` written as digits become numbers, `ver` defaults to 1.3.0 and `tg` to COVID-19, and empty
// `fnt`/`gnt` are derived from `fn`/`gn` by the ICAO 9303 rules of the 2D-DOC conversion.
import { transliterate } from "../mapping/transliterate.js";

export const CSV_COLUMNS = [
  "type",
  "fn",
  "gn",
  "fnt",
  "gnt",
  "dob",
  "tg",
  "vp",
  "mp",
  "ma",
  "dn",
  "sd",
  "dt",
  "fr",
  "df",
  "du",
  "co",
  "is",
  "ver",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const ENTRY_FIELDS = { v: ["tg", "vp", "mp", "ma", "dn", "sd", "dt", "co", "is"], r: ["tg", "fr", "co", "is", "df", "du"] } as const;
const TYPES: Readonly<Record<string, "v" | "r">> = { v: "v", vaccination: "v", r: "r", recovery: "r" };
const COVID_19 = "840539006";

/** The header's columns, or the first name that is not a documented column. */
export function readHeader(cells: readonly string[]): { columns: CsvColumn[] } | { unknown: number } {
  const columns: CsvColumn[] = [];
  for (const [index, cell] of cells.entries()) {
    const name = cell.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) return { unknown: index + 1 };
    columns.push(name as CsvColumn);
  }
  return { columns };
}

function numberOrText(value: string): number | string {
  return /^\d{1,3}$/.test(value) ? Number(value) : value;
}

export function csvPayload(columns: readonly CsvColumn[], cells: readonly string[]): Record<string, unknown> {
  const cell: Partial<Record<CsvColumn, string>> = {};
  columns.forEach((column, index) => {
    const value = (cells[index] ?? "").trim();
    if (value !== "") cell[column] = value;
  });
  const type = TYPES[(cell.type ?? "").toLowerCase()];
  const nam: Record<string, string> = {};
  if (cell.fn !== undefined) nam["fn"] = cell.fn;
  const fnt = cell.fnt ?? (cell.fn === undefined ? undefined : transliterate(cell.fn));
  if (fnt !== undefined && fnt !== "") nam["fnt"] = fnt;
  if (cell.gn !== undefined) nam["gn"] = cell.gn;
  const gnt = cell.gnt ?? (cell.gn === undefined ? undefined : transliterate(cell.gn));
  if (gnt !== undefined && gnt !== "") nam["gnt"] = gnt;
  const payload: Record<string, unknown> = { ver: cell.ver ?? "1.3.0", nam };
  if (cell.dob !== undefined) payload["dob"] = cell.dob; // missing: refused by the schema, naming /dob
  if (type === undefined) return payload; // neither v nor r: refused by the endpoint's own check
  const entry: Record<string, unknown> = {};
  for (const field of ENTRY_FIELDS[type]) {
    const value = field === "tg" ? (cell.tg ?? COVID_19) : cell[field];
    if (value !== undefined) entry[field] = field === "dn" || field === "sd" ? numberOrText(value) : value;
  }
  payload[type] = [entry];
  return payload;
}
