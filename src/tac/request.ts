// The TousAntiCovid conversion request (docs/tousanticovid.md; TousAntiCovid apps' `ApiConversionRQ`), same JSON body in v1 and v2:
//   { "chainEncoded": "<2D-DOC or, in v2, base64(IV ‖ ciphertext ‖ tag)>", "source": "DEUX_D_DOC", "destination": "DGCA" }
// The app only ever asks for 2D-DOC → EU DCC; any other pair is ERR_TAC_SOURCE.
import { RequestError } from "../errors.js";

/** The values the app sends (TAC iOS `WalletConstant.swift`). */
export const TAC_SOURCE = "DEUX_D_DOC";
export const TAC_DESTINATION = "DGCA";
/** A 2D-DOC in any accepted form stays well under the 16 KiB body limit; this bounds the field itself. */
const MAX_CHAIN_LENGTH = 16 * 1024;

export interface TacRequest {
  /** The 2D-DOC (v1), or its encrypted wire form (v2). Never logged. */
  readonly chainEncoded: string;
}

function field(body: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(body, name) ? body[name] : undefined;
}

/** Checks the envelope of a parsed JSON body; throws RequestError naming the field, never its value. */
export function readTacRequest(body: unknown): TacRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new RequestError("ERR_REQUEST_MALFORMED");
  const record = body as Record<string, unknown>;
  const source = field(record, "source");
  const destination = field(record, "destination");
  if (typeof source !== "string") throw new RequestError("ERR_REQUEST_MALFORMED", { field: "source" });
  if (typeof destination !== "string") throw new RequestError("ERR_REQUEST_MALFORMED", { field: "destination" });
  if (source !== TAC_SOURCE) throw new RequestError("ERR_TAC_SOURCE", { field: "source" });
  if (destination !== TAC_DESTINATION) throw new RequestError("ERR_TAC_SOURCE", { field: "destination" });
  const chainEncoded = field(record, "chainEncoded");
  if (typeof chainEncoded !== "string" || chainEncoded.length === 0 || chainEncoded.length > MAX_CHAIN_LENGTH) {
    throw new RequestError("ERR_REQUEST_MALFORMED", { field: "chainEncoded" });
  }
  return { chainEncoded };
}
