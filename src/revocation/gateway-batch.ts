// The EU gateway's revocation batch (DCCG `POST /revocation-list`, its RevocationBatch schema):
// `{"country", "expires", "kid", "hashType", "entries": [{"hash"}]}` with 1 to 1,000 entries of 24-character
// base64 hashes, `kid` the DSC's base64 kid or the literal `UNKNOWN_KID`. The UCI hashes do not depend on the
// DSC, and one document may have been converted under several DSCs over time, so `kid` is always UNKNOWN_KID.
// The JSON bytes made here are exactly what the CMS signs and what the response parses back.
import type { ValidityPolicy } from "../dcc/cwt.js";
import { ISSUER_COUNTRY } from "../dcc/cwt.js";
import type { EuHashType } from "./hashes.js";

export const BATCH_MAX_ENTRIES = 1_000;
export const UNKNOWN_KID = "UNKNOWN_KID";
/** Time for a new list to reach every instance after the batch is made (docs/revocation.md, "expires"). */
export const ROLL_OUT_MARGIN_SECONDS = 86_400;

export interface GatewayBatch {
  readonly hashType: EuHashType;
  /** The UTF-8 JSON of the batch: signed as is, returned parsed. */
  readonly json: Buffer;
}

/**
 * The batch's `expires`: after the last possible `exp` of the DCCs concerned. A DCC issued before the list is in
 * force expires at most the longest validity policy after its issuance (exp is capped by the DSC's notAfter,
 * never extended), so now + the longest policy + the roll-out margin, to the second.
 */
export function batchExpiry(now: Date, validity: ValidityPolicy): Date {
  const longest = Math.max(validity.v, validity.t, validity.r);
  return new Date((Math.floor(now.getTime() / 1000) + longest + ROLL_OUT_MARGIN_SECONDS) * 1000);
}

/** Hashes of one type cut into batches of at most 1,000, duplicates dropped, first-seen order kept. */
export function gatewayBatches(hashType: EuHashType, hashes: readonly string[], expires: Date): GatewayBatch[] {
  const unique = [...new Set(hashes)];
  const batches: GatewayBatch[] = [];
  for (let start = 0; start < unique.length; start += BATCH_MAX_ENTRIES) {
    const entries = unique.slice(start, start + BATCH_MAX_ENTRIES).map((hash) => ({ hash }));
    const batch = {
      country: ISSUER_COUNTRY,
      expires: expires.toISOString().replace(/\.\d{3}Z$/, "Z"),
      kid: UNKNOWN_KID,
      hashType,
      entries,
    };
    batches.push({ hashType, json: Buffer.from(JSON.stringify(batch), "utf8") });
  }
  return batches;
}
