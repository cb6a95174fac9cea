// Messages between the batch main thread and its prepare workers (structured clone: plain objects,
// strings, numbers, Uint8Array — a Buffer arrives as a Uint8Array, which finishConversion accepts).
import type { PreparedConversion } from "../convert.js";
import type { ErrorCode } from "../errors.js";

export interface PrepareRequest {
  readonly id: number;
  readonly documents: readonly string[];
}

export type PrepareResult =
  | { readonly ok: true; readonly prepared: PreparedConversion }
  | { readonly ok: false; readonly code: ErrorCode; readonly field?: string };

export type PrepareReply =
  | { readonly id: number; readonly results: readonly PrepareResult[] }
  | { readonly fatal: ErrorCode };
