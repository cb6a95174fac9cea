// The holder as TousAntiCovid Verif's LITE mode showed it (docs/verification.md): the name and the birth date, as written in
// the certificate (DCC schema `nam`, `dob`); the transliterated name when no other is written.
import type { DccPayload } from "../dcc/types.js";
import type { Holder } from "./types.js";

export function holderOf(payload: DccPayload): Holder {
  const family = payload.nam.fn ?? payload.nam.fnt ?? "";
  const given = payload.nam.gn ?? payload.nam.gnt ?? "";
  return { name: [family, given].filter((part) => part !== "").join(" "), birthDate: payload.dob };
}
