// One batch input line (docs/batch-and-issuance.md "Batch line format"):
// `{"id": "<string>", "document": "<2D-DOC>"}`, with an optional `"format"` (contract §9, read by run-batch.ts). A line that is
// not such an object becomes an error line (ERR_BATCH_LINE), keeping its id when it had a usable one,
// and the batch goes on. The id is the caller's own reference and is echoed; nothing else is.
import type { RawLine } from "./read-lines.js";

/** Ids are echoed in every result line: keep them short and printable. */
export const MAX_ID_LENGTH = 256;
/** The same bound as a single conversion's 16 KiB body (README.md "HTTP API"). */
export const MAX_DOCUMENT_LENGTH = 16 * 1024;

export type BatchRequest =
  | { readonly line: number; readonly id: string; readonly document: string; readonly format?: unknown }
  | { readonly line: number; readonly id: string | undefined; readonly malformed: true };

function usableId(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_ID_LENGTH && !/[\u0000-\u001f]/.test(value)
    ? value
    : undefined;
}

export function parseBatchLine(raw: RawLine): BatchRequest {
  const malformed = (id: string | undefined): BatchRequest => ({ line: raw.number, id, malformed: true });
  if (raw.text === undefined) return malformed(undefined);
  let value: unknown;
  try {
    value = JSON.parse(raw.text);
  } catch {
    return malformed(undefined);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return malformed(undefined);
  const { id, document, format } = value as Record<string, unknown>;
  const goodId = usableId(id);
  if (goodId === undefined) return malformed(undefined);
  if (typeof document !== "string" || document.length === 0 || document.length > MAX_DOCUMENT_LENGTH) return malformed(goodId);
  return { line: raw.number, id: goodId, document, ...(format === undefined ? {} : { format }) };
}

export function isMalformed(request: BatchRequest): request is Extract<BatchRequest, { malformed: true }> {
  return "malformed" in request;
}
