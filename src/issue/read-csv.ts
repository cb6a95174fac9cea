// CSV as French office software writes it (RFC 4180 plus the usual variations): UTF-8 with or without a
// byte-order mark, `;` (French locale) or `,` separated — chosen from the header row —, CRLF or LF, fields
// in double quotes with `""` for a quote and line breaks allowed inside quotes. One pass, linear in the
// input: each character is looked at once. Each record keeps the line number where it starts.

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  readonly line: number;
  readonly cells: readonly string[];
  /**
   * A quote out of place: inside an unquoted cell (`DU"PONT`), text after a closing quote, or a quote never closed.
   * Such a record cannot be read for sure: it is refused whole, with its line (its cells are not to be used).
   */
  readonly malformed: boolean;
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

/** Where a cell stands: not started, unquoted, inside quotes, or just after its closing quote. */
type CellState = "start" | "plain" | "quoted" | "closed";

/** The index of the line end after `from` (or the text's end), and where the next line starts. */
function nextLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
  return text[i] === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
}

/**
 * Every record of the text, blank lines skipped. A quote opens a quoted cell only as the cell's first character
 * (RFC 4180 §2.5-2.7); anywhere else it makes its record malformed, and the record still ends at its line end, so the
 * records after it are read as they are. A quote still open at the end of the file refuses its record, and reading
 * resumes at the line after the quote's: past that quote every quote comes in pairs (it would have closed otherwise),
 * so no cell there stays open, and the text is read at most twice.
 */
export function parseCsv(input: string): CsvRecord[] {
  const text = withoutBom(input);
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let state: CellState = "start";
  let malformed = false;
  let line = 1;
  let start = 1;
  let quoteLine = 1;
  let quoteAt = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== "" || malformed) records.push({ line: start, cells, malformed });
    cells = [];
    cell = "";
    state = "start";
    malformed = false;
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    i += 1;
    if (state === "quoted") {
      if (char === '"' && text[i] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') state = "closed";
      else {
        if (char === "\n") line++;
        cell += char;
      }
    } else if (char === delimiter) {
      cells.push(cell);
      cell = "";
      state = "start";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i] === "\n") i += 1;
      endRecord();
      line++;
      start = line;
    } else if (char === '"' && state === "start") {
      state = "quoted";
      quoteAt = i - 1;
      quoteLine = line;
    } else {
      if (char === '"' || state === "closed") malformed = true;
      cell += char;
      state = "plain";
    }
    if (i >= text.length && state === "quoted") {
      records.push({ line: start, cells: [], malformed: true });
      cells = [];
      cell = "";
      state = "start";
      malformed = false;
      i = nextLine(text, quoteAt);
      line = quoteLine + 1;
      start = line;
    }
  }
  if (cell !== "" || cells.length > 0 || malformed) endRecord();
  return records;
}
