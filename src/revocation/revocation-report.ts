// The answer to a revocation request (docs/revocation.md): the entries, then the EU gateway batches of their
// hashes per hash type (UCI first, then COUNTRYCODEUCI), each with its CMS SignedData when an upload signer is
// configured. Shared by `POST /v1/revocations` and `dcc-converter revoke`.
import type { ValidityPolicy } from "../dcc/cwt.js";
import { signCms, type CmsSigner } from "./cms.js";
import { batchExpiry, gatewayBatches } from "./gateway-batch.js";
import { EU_HASH_TYPES, type EuHashType } from "./hashes.js";
import { isRevokedEntry, type RevocationEntry } from "./revoke-items.js";

export interface SignedBatch {
  readonly hashType: EuHashType;
  /** The exact JSON bytes of the batch (what the CMS carries). */
  readonly json: Buffer;
  /** DER CMS SignedData over `json`; undefined without an upload signer. */
  readonly cms: Buffer | undefined;
}

export interface BatchOptions {
  readonly now: Date;
  readonly validity: ValidityPolicy;
  readonly signer: CmsSigner | undefined;
}

export async function batchesOf(entries: readonly RevocationEntry[], options: BatchOptions): Promise<SignedBatch[]> {
  const revoked = entries.filter(isRevokedEntry);
  const expires = batchExpiry(options.now, options.validity);
  const batches = EU_HASH_TYPES.flatMap((type) =>
    gatewayBatches(
      type,
      revoked.map((entry) => entry.hashes[type]),
      expires,
    ),
  );
  const signer = options.signer;
  return Promise.all(
    batches.map(async (batch) => ({ ...batch, cms: signer === undefined ? undefined : await signCms(batch.json, signer, options.now) })),
  );
}

/** The `batches` member of the HTTP answer: `batch` is the parse of the signed bytes, `cms` in base64. */
export function batchesJson(batches: readonly SignedBatch[]): unknown[] {
  return batches.map(({ hashType, json, cms }) => {
    const batch = JSON.parse(json.toString("utf8")) as unknown;
    return cms === undefined ? { hashType, batch } : { hashType, batch, cms: cms.toString("base64") };
  });
}

/** The REVOCATION_LIST lines of every revoked entry, in entry order. */
export function listLinesOf(entries: readonly RevocationEntry[]): string[] {
  return entries.filter(isRevokedEntry).flatMap((entry) => entry.listLines);
}
