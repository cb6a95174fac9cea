// Time validity (dcc.md §0.4, §1.10; hcert §3.3.5–3.3.6): the EU test harness accepts a DCC only when
// DSC.notBefore ≤ iat ≤ now ≤ exp ≤ DSC.notAfter — all four, compared at second precision.
import type { X509Certificate } from "node:crypto";
import { DccError } from "../errors.js";
import type { Claims } from "./decode.js";

export function checkExpiration(claims: Claims, certificate: X509Certificate, at: Date): void {
  const { iat, exp } = claims;
  if (iat === undefined) throw new DccError("ERR_CWT_EXPIRED", { field: "iat" });
  if (exp === undefined) throw new DccError("ERR_CWT_EXPIRED", { field: "exp" });
  const notBefore = Date.parse(certificate.validFrom) / 1000;
  const notAfter = Date.parse(certificate.validTo) / 1000;
  const now = at.getTime() / 1000;
  if (!(notBefore <= iat)) throw new DccError("ERR_CWT_EXPIRED", { field: "notBefore" });
  if (!(iat <= now)) throw new DccError("ERR_CWT_EXPIRED", { field: "iat" });
  if (!(now <= exp)) throw new DccError("ERR_CWT_EXPIRED", { field: "exp" });
  if (!(exp <= notAfter)) throw new DccError("ERR_CWT_EXPIRED", { field: "notAfter" });
}
