// The issuance run behind `dcc-converter issue` (docs/batch-and-issuance.md): each request goes through
// the endpoint's own path (issueCertificate: type gate → UVCI → schema and value sets → plausibility →
// HSM), the accepted ones become a printable certificate `<line>-<run id>.pdf`, and one result line per
// request is yielded in input order (`{"line", "file", "type", "uvci"}` or `{"line", "error": {"code",
// "status", "field"}}`: the field's name, never its value). A bounded window keeps a few lines in flight.
import { randomBytes } from "node:crypto";
import type { Conversion } from "../convert.js";
import { isConverterError, type ErrorCode } from "../errors.js";
import { mapOrdered } from "../batch/map-ordered.js";
import { errorResult } from "../batch/result-line.js";
import type { IssueRequest } from "./read-requests.js";

export interface IssueResult {
  readonly line: number;
  readonly outcome: "OK" | ErrorCode;
  /** The PDF written for this line (accepted lines only). */
  readonly file?: string;
  /** The NDJSON text of the result, without its LF. */
  readonly text: string;
}

export interface IssueRun {
  issue(payload: unknown): Promise<Conversion>;
  render(conversion: Conversion): Promise<Buffer>;
  /** Writes one PDF under OUTDIR. */
  write(file: string, bytes: Buffer): Promise<void>;
  readonly signal?: AbortSignal;
  readonly concurrency?: number;
}

/**
 * Names PDFs by line and a random id drawn once per run: it tells runs apart (no file of an earlier run is
 * overwritten) and says nothing about the holder or the certificate, unlike a name, a birth date or
 * the UVCI (an identifier of the certificate, listed in revocation lists).
 */
export function newRunId(): string {
  return randomBytes(4).toString("hex");
}

async function issueOne(request: IssueRequest, runId: string, run: IssueRun): Promise<IssueResult> {
  if ("refusal" in request) return errorResult(request.line, undefined, request.refusal, request.field);
  try {
    const conversion = await run.issue(request.payload);
    const file = `${request.line}-${runId}.pdf`;
    await run.write(file, await run.render(conversion));
    const text = JSON.stringify({ line: request.line, file, type: conversion.type, uvci: conversion.uvci });
    return { line: request.line, outcome: "OK", file, text };
  } catch (error) {
    if (!isConverterError(error)) throw error;
    return errorResult(request.line, undefined, error.code, error.field);
  }
}

export function runIssue(requests: Iterable<IssueRequest>, runId: string, run: IssueRun): AsyncGenerator<IssueResult> {
  return mapOrdered(requests, (request) => issueOne(request, runId, run), run.concurrency ?? 16, run.signal);
}
