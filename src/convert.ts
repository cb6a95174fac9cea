// The orchestrator: one 2D-DOC in, one signed DCC out. It reads like the pipeline:
// normalise → parse → verify → map → UVCI → revocation check → check payload → CWT → sign → HC1.
// The first four stages are pure CPU work (`prepareConversion`); the rest needs the HSM (`finishConversion`).
// The service runs the whole of it in worker threads (src/workers/conversion-pool.ts).
import { normaliseInput } from "./twoddoc/normalise.js";
import { parseDocument } from "./twoddoc/parse.js";
import { assertConvertible } from "./twoddoc/verify.js";
import type { TrustStore } from "./twoddoc/types.js";
import { mapDocument, withUvci, type MappingOptions } from "./mapping/map-document.js";
import type { MappingTables } from "./mapping/tables.js";
import { checkPayload } from "./dcc/check-payload.js";
import { deriveUvci } from "./dcc/uvci.js";
import { encodeDcc, type EncodedDcc, type ValidityPolicy } from "./dcc/encode.js";
import type { ValueSets } from "./dcc/value-sets.js";
import { CERTIFICATE_TYPE_NAMES, certificateTypeOf, type CertificateType, type CertificateTypeName, type DccPayload } from "./dcc/types.js";
import type { DccSigning, UvciHashing } from "./dcc/signing.js";
import { refuseRevoked, type RevocationCheck } from "./revocation/revocation-list.js";

/** Time is passed in, never read directly by the stages: tests hand in a fixed clock. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** What the pure stages need: data loaded once at start. */
export interface PreparationDeps {
  readonly trust: TrustStore;
  readonly tables: MappingTables;
  readonly mapping: MappingOptions;
}

/** What the signing stages need: the HSM, the value sets, the clock, the validity policy, the revocation list. */
export interface SigningDeps {
  /** The signing side of the vault: the main thread's, or a conversion worker's own sessions (src/hsm/worker-sessions.ts). */
  readonly vault: DccSigning;
  /** The revocation list in force (docs/revocation.md): checked after the UVCI, before anything is signed. */
  readonly revocations: RevocationCheck;
  readonly valueSets: ValueSets;
  readonly clock: Clock;
  readonly validity: ValidityPolicy;
}

export type ConversionDeps = PreparationDeps & SigningDeps;

/** A verified, mapped document waiting for its UVCI and signature. Plain data: it crosses worker threads. */
export interface PreparedConversion {
  readonly documentType: string;
  readonly type: CertificateType;
  readonly payload: DccPayload;
  /** The signed data zone of the 2D-DOC: the UVCI is derived from it, so every encoding gives the same UVCI. */
  readonly sourceBytes: Uint8Array;
}

/** The result of a conversion or an issuance (README.md, "HTTP API"), and the payload it signs (the PDF's content). */
export interface Conversion {
  readonly dcc: string;
  readonly type: CertificateTypeName;
  readonly uvci: string;
  readonly kid: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly payload: DccPayload;
}

/** A conversion with every intermediate of the chain (`convert --json`). A worker answers the summary only. */
export interface DetailedConversion extends Conversion {
  readonly encoded: EncodedDcc;
}

/** What crosses back from a conversion worker: no intermediate (fewer bytes to clone on the event loop). */
export function summaryOf({ dcc, type, uvci, kid, issuedAt, expiresAt, payload }: Conversion): Conversion {
  return { dcc, type, uvci, kid, issuedAt, expiresAt, payload };
}

export function prepareConversion(input: string, deps: PreparationDeps): PreparedConversion {
  const text = normaliseInput(input);
  const parsed = parseDocument(text);
  const verified = assertConvertible(parsed, deps.trust);
  const mapped = mapDocument(verified, deps.tables, deps.mapping);
  return { documentType: verified.header.documentType, type: mapped.type, payload: mapped.payload, sourceBytes: verified.signedData };
}

/** The UVCI of a prepared document: the same for every encoding and endpoint (keyed hash in the HSM). */
export async function identifyDocument(prepared: PreparedConversion, deps: { readonly vault: UvciHashing }): Promise<string> {
  return deriveUvci((data) => deps.vault.keyedHash(data), Buffer.from(prepared.sourceBytes));
}

export async function finishConversion(prepared: PreparedConversion, deps: SigningDeps): Promise<DetailedConversion> {
  const uvci = await identifyDocument(prepared, deps);
  refuseRevoked(deps.revocations, { uvci, sourceBytes: prepared.sourceBytes });
  return signPayload(withUvci(prepared.payload, uvci), prepared.type, deps);
}

/** Check a complete payload, then CWT → COSE_Sign1 through the HSM → zlib → base45 → HC1. */
export async function signPayload(payload: DccPayload, type: CertificateType, deps: SigningDeps): Promise<DetailedConversion> {
  const checked = checkPayload(payload, deps.valueSets);
  const now = deps.clock();
  const encoded = await encodeDcc({ payload: checked, signer: deps.vault.signerFor(type, now), now, policy: deps.validity });
  return {
    dcc: encoded.hc1,
    type: CERTIFICATE_TYPE_NAMES[type],
    uvci: uvciOf(checked),
    kid: encoded.kid.toString("base64"),
    issuedAt: encoded.issuedAt.toISOString(),
    expiresAt: encoded.expiresAt.toISOString(),
    payload: checked,
    encoded,
  };
}

export async function convertDocument(input: string, deps: ConversionDeps): Promise<DetailedConversion> {
  return finishConversion(prepareConversion(input, deps), deps);
}

function uvciOf(payload: DccPayload): string {
  const entry = payload[certificateTypeOf(payload)]?.[0];
  if (entry === undefined) throw new TypeError("payload has no entry");
  return entry.ci;
}
