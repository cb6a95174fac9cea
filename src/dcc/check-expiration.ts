// Time validity (hcert §3.3.5–3.3.6, and the EU dgc-testdata harness's EXPECTEDEXPIRATIONCHECK): a DCC is
// accepted when DSC.notBefore ≤ iat ≤ now ≤ exp, compared in whole seconds. `exp ≤ DSC.notAfter` is an
// issuer's rule (our CWT caps exp there), not a verifier's: the harness flags PL/1.3.0 vector 6 valid with exp
// 47 s past its certificate's notAfter, and the Hungarian vectors valid with exp three years past it. Over the
// 483 vectors with the flag, this rule agrees with every one (with the issuer's cap added: 482).
import type { X509Certificate } from "node:crypto";
import { DccError } from "../errors.js";
import type { Claims } from "./decode.js";

export function checkExpiration(claims: Claims, certificate: X509Certificate, at: Date): void {
  const { iat, exp } = claims;
  if (iat === undefined) throw new DccError("ERR_CWT_EXPIRED", { field: "iat" });
  if (exp === undefined) throw new DccError("ERR_CWT_EXPIRED", { field: "exp" });
  const notBefore = Date.parse(certificate.validFrom) / 1000;
  const now = Math.floor(at.getTime() / 1000); // whole seconds, as the claims (decode.ts) and the certificate
  if (!(notBefore <= iat)) throw new DccError("ERR_CWT_EXPIRED", { field: "notBefore" });
  if (!(iat <= now)) throw new DccError("ERR_CWT_EXPIRED", { field: "iat" });
  if (!(now <= exp)) throw new DccError("ERR_CWT_EXPIRED", { field: "exp" });
}
