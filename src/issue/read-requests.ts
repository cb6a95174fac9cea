// The requests of an issuance file (docs/batch-and-issuance.md): CSV with a header row, or NDJSON of
// POST /v1/certificates payloads. Each becomes the payload to check, or a per-line refusal with the
// code the endpoint gives the same bytes (not JSON: ERR_REQUEST_MALFORMED; over 16 KiB:
// ERR_REQUEST_TOO_LARGE). A CSV header naming an unknown column refuses the whole file.
import { RequestError, type ErrorCode } from "../errors.js";
import { SINGLE_BODY_LIMIT } from "../http/json-body.js";
import { csvPayload, readHeader } from "./csv-payload.js";
import { parseCsv, withoutBom } from "./read-csv.js";

export type IssueFormat = "csv" | "ndjson";

export type IssueRequest =
  { readonly line: number; readonly payload: unknown } | { readonly line: number; readonly refusal: ErrorCode; readonly field?: string };

/** By the file name's extension, else by its first character (`{` is NDJSON). */
export function detectFormat(name: string, text: string): IssueFormat {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.(?:nd)?jsonl?$/i.test(name)) return "ndjson";
  return withoutBom(text).trimStart().startsWith("{") ? "ndjson" : "csv";
}

function ndjsonRequests(text: string): IssueRequest[] {
  const requests: IssueRequest[] = [];
  withoutBom(text)
    .split("\n")
    .forEach((raw, index) => {
      const body = raw.replace(/\r$/, "");
      if (body.trim() === "") return;
      const line = index + 1;
      if (Buffer.byteLength(body, "utf8") > SINGLE_BODY_LIMIT) requests.push({ line, refusal: "ERR_REQUEST_TOO_LARGE" });
      else {
        try {
          requests.push({ line, payload: JSON.parse(body) as unknown });
        } catch {
          requests.push({ line, refusal: "ERR_REQUEST_MALFORMED" });
        }
      }
    });
  return requests;
}

function csvRequests(text: string): IssueRequest[] {
  const [header, ...records] = parseCsv(text);
  if (header === undefined) return [];
  const read = readHeader(header.cells);
  if ("unknown" in read) throw new RequestError("ERR_REQUEST_MALFORMED", { field: `column ${read.unknown}` });
  return records.map((record): IssueRequest => {
    if (record.malformed) return { line: record.line, refusal: "ERR_REQUEST_MALFORMED", field: "quote" };
    if (record.cells.length > read.columns.length)
      return { line: record.line, refusal: "ERR_REQUEST_MALFORMED", field: `column ${read.columns.length + 1}` };
    return { line: record.line, payload: csvPayload(read.columns, record.cells) };
  });
}

export function readRequests(text: string, format: IssueFormat): IssueRequest[] {
  return format === "csv" ? csvRequests(text) : ndjsonRequests(text);
}
