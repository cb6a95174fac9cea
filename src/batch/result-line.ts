// The result line of a batch (docs/batch-and-issuance.md): `{"line", "id", "dcc", "type", "uvci", "kid", "issuedAt",
// "expiresAt"}`, a seal's `{"line", "id", "format", "seal", "type", "uvci", "issuedAt"}` (contract §9), or
// `{"line", "id", "error": {"code", "status"}}`, where status is what a single
// conversion of that line would get. `id` only when the input line had a usable one.
import type { Conversion } from "../convert.js";
import type { SealConversion } from "../icao/convert-seal.js";
import { HTTP_STATUS, type ErrorCode } from "../errors.js";

export interface BatchResult {
  readonly line: number;
  readonly id: string | undefined;
  /** "OK" or the refusal code (for counters and exit codes; never content). */
  readonly outcome: "OK" | ErrorCode;
  /** The NDJSON text of the result, without its LF. */
  readonly text: string;
}

export function successResult(line: number, id: string | undefined, conversion: Conversion): BatchResult {
  const { dcc, type, uvci, kid, issuedAt, expiresAt } = conversion;
  const text = JSON.stringify(
    id === undefined ? { line, dcc, type, uvci, kid, issuedAt, expiresAt } : { line, id, dcc, type, uvci, kid, issuedAt, expiresAt },
  );
  return { line, id, outcome: "OK", text };
}

/** A seal's line (contract §9): `{"line", "id", "format", "seal", "type", "uvci", "issuedAt"}`. */
export function sealResult(line: number, id: string | undefined, conversion: SealConversion): BatchResult {
  const { format, seal, type, uvci, issuedAt } = conversion;
  const answer = { format, seal, type, uvci, issuedAt };
  const text = JSON.stringify(id === undefined ? { line, ...answer } : { line, id, ...answer });
  return { line, id, outcome: "OK", text };
}

/** A refused line; `field` names the input field at fault (MEAE issuance), never its value. */
export function errorResult(line: number, id: string | undefined, code: ErrorCode, field?: string): BatchResult {
  const error = field === undefined ? { code, status: HTTP_STATUS[code] } : { code, status: HTTP_STATUS[code], field };
  return { line, id, outcome: code, text: JSON.stringify(id === undefined ? { line, error } : { line, id, error }) };
}
