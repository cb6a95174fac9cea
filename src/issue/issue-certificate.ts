// MEAE issuance (`POST /v1/certificates`, docs/batch-and-issuance.md): a DCC payload for one vaccination
// or one recovery, checked by an agent, WITHOUT `ci`. There is no source document to derive a UVCI from,
// so the service assigns a random one (dcc/uvci.ts randomUvci: 80 random bits, unique in practice).
// Order: type gate → UVCI → schema and value sets → plausibility → revocation check → sign through the HSM.
import { signPayload, type Conversion, type SigningDeps } from "../convert.js";
import { checkPayload } from "../dcc/check-payload.js";
import { randomUvci } from "../dcc/uvci.js";
import { DccError } from "../errors.js";
import { checkPlausibility } from "./plausibility.js";
import { refuseRevoked } from "../revocation/revocation-list.js";

type Issuable = "v" | "r";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Which entry the payload carries: test certificates are never issued here (docs/batch-and-issuance.md). */
function issuableType(input: Record<string, unknown>): Issuable {
  if ("t" in input) throw new DccError("ERR_DCC_TYPE_NOT_ISSUABLE", { field: "t" });
  const hasV = "v" in input;
  if (hasV === "r" in input) throw new DccError("ERR_DCC_PAYLOAD", { field: "/" });
  return hasV ? "v" : "r";
}

/** A copy of the payload with the assigned UVCI; a `ci` sent by the client is refused, never overwritten. */
function withAssignedUvci(input: Record<string, unknown>, type: Issuable): Record<string, unknown> {
  const entries = input[type];
  if (!Array.isArray(entries) || entries.length !== 1 || !isPlainObject(entries[0])) return input; // the schema says where
  if ("ci" in entries[0]) throw new DccError("ERR_DCC_PAYLOAD", { field: `/${type}/0/ci` });
  return { ...input, [type]: [{ ...entries[0], ci: randomUvci() }] };
}

export async function issueCertificate(input: unknown, deps: SigningDeps): Promise<Conversion> {
  if (!isPlainObject(input)) throw new DccError("ERR_DCC_PAYLOAD", { field: "/" });
  const type = issuableType(input);
  const payload = checkPayload(withAssignedUvci(input, type), deps.valueSets);
  checkPlausibility(payload, deps.clock());
  refuseRevoked(deps.revocations, { uvci: payload[type]![0]!.ci });
  return signPayload(payload, type, deps);
}
