// The seal orchestrator (ICAO VDS-NC; docs/international-format.md): one 2D-DOC in, one signed seal out. It reads like
// the pipeline, and shares its first stages and its refusals with the DCC's (src/convert.ts):
// normalise → parse → verify → map (DCC rules, same refusals) → seal message → ids (one HMAC in the HSM: the DCC UVCI
// for the revocation check, the seal's 12-character id) → revocation check → JCS → ES256 in the HSM → seal text.
import { verifyInput, type Clock, type PreparationDeps } from "../convert.js";
import { keyedDocumentDigest, uvciFromDigest } from "../dcc/uvci.js";
import { RequestError } from "../errors.js";
import type { UvciHashing } from "../dcc/signing.js";
import type { SealSigning } from "./signing.js";
import { refuseRevoked, type RevocationCheck } from "../revocation/revocation-list.js";
import { mapDocument } from "../mapping/map-document.js";
import { mapSeal, SEAL_COUNTRY, type MappedSeal } from "./map-seal.js";
import { sealIdFromDigest } from "./seal-id.js";
import type { SealTables } from "./seal-tables.js";
import { SEAL_PROFILES, type SealData, type SealProfile, type TestMessage, type VaccinationMessage } from "./seal-types.js";
import { signSeal } from "./sign-seal.js";

export interface SealPreparationDeps extends PreparationDeps {
  readonly sealTables: SealTables;
}

export interface SealSigningDeps {
  readonly vault: SealSigning & UvciHashing;
  /** The revocation list in force: a document revoked as a DCC is refused as a seal too (docs/revocation.md). */
  readonly revocations: RevocationCheck;
  readonly clock: Clock;
}

export type SealConversionDeps = SealPreparationDeps & SealSigningDeps;

/** The answer of a seal conversion (contract §9) and the data it signed (the printable page's content). Plain data. */
export interface SealConversion {
  readonly format: "icao";
  readonly seal: string;
  readonly type: "vaccination" | "test";
  /** `uvci` of a vaccination seal, `utci` of a test seal. */
  readonly uvci: string;
  readonly issuedAt: string;
  readonly data: SealData;
}

const TYPE_NAMES: Readonly<Record<SealProfile, SealConversion["type"]>> = { "icao.vacc": "vaccination", "icao.test": "test" };

/** ERR_FORMAT_OFF before any work when ICAO_SIGNERS lists no signer. */
export function requireSealFormat(vault: Pick<SealSigning, "sealSigners">): void {
  if (vault.sealSigners.length === 0) throw new RequestError("ERR_FORMAT_OFF", { field: "format" });
}

interface PreparedSeal extends MappedSeal {
  readonly sourceBytes: Uint8Array;
}

// The DCC stages with their refusals (the DCC mapping refuses what it cannot certify), then the seal's own mapping.
function prepareSeal(input: string, deps: SealPreparationDeps): PreparedSeal {
  const verified = verifyInput(input, deps);
  const mapped = mapDocument(verified, deps.tables, deps.mapping);
  return { ...mapSeal(verified, mapped, { tables: deps.tables, seal: deps.sealTables }, deps.mapping), sourceBytes: verified.signedData };
}

function withId(mapped: MappedSeal, id: string): SealData {
  const hdr = { t: mapped.profile, v: 1, is: SEAL_COUNTRY } as const;
  const msg =
    mapped.profile === "icao.vacc"
      ? ({ uvci: id, ...mapped.message } as VaccinationMessage)
      : ({ utci: id, ...mapped.message } as TestMessage);
  return { hdr, msg };
}

export async function convertSeal(input: string, deps: SealConversionDeps): Promise<SealConversion> {
  requireSealFormat(deps.vault);
  const prepared = prepareSeal(input, deps);
  const digest = await keyedDocumentDigest((data) => deps.vault.keyedHash(data), Buffer.from(prepared.sourceBytes));
  refuseRevoked(deps.revocations, { uvci: uvciFromDigest(digest), sourceBytes: prepared.sourceBytes });
  const id = sealIdFromDigest(digest);
  const now = deps.clock();
  const data = withId(prepared, id);
  const { text } = await signSeal(data, deps.vault.sealSignerFor(SEAL_PROFILES[prepared.profile], now));
  return { format: "icao", seal: text, type: TYPE_NAMES[prepared.profile], uvci: id, issuedAt: now.toISOString(), data };
}
