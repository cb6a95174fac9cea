// CSV as French office software writes it (RFC 4180 plus the usual variations): UTF-8 with or without a
// byte-order mark, `;` (French locale) or `,` separated — chosen from the header row —, CRLF or LF, fields
// in double quotes with `""` for a quote and line breaks allowed inside quotes. One pass, linear in the
// input: each character is looked at once. Each record keeps the line number where it starts.

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  readonly line: number;
  readonly cells: readonly string[];
  /** The record ended inside an open quote (the end of the file came first). */
  readonly unterminated: boolean;
}

const BOM = "\uFEFF";

/** The text without its byte-order mark, if it starts with one (spreadsheets write it). */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** `;` or `,`: whichever appears more often outside quotes in the first line. */
export function detectDelimiter(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ";" : ",";
}

/** Every record of the text, blank lines skipped. */
export function parseCsv(input: string): CsvRecord[] {
  const text = withoutBom(input);
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = (unterminated: boolean) => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== "") records.push({ line: start, cells, unterminated });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (char === '"') quoted = false;
      else { if (char === "\n") line++; cell += char; }
    } else if (char === '"') quoted = true;
    else if (char === delimiter) { cells.push(cell); cell = ""; }
    else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord(false);
      line++;
      start = line;
    } else cell += char;
  }
  if (quoted || cell !== "" || cells.length > 0) endRecord(quoted);
  return records;
}
