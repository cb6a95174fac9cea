// CWT claims and their validity window (RFC 8392 §3.1; hcert §3.3.4–3.3.6).
import { DccError } from "../errors.js";
import type { DccSigner } from "./signing.js";
import type { CertificateType, DccPayload } from "./types.js";

/** Claim keys (RFC 8392 §3.1; hcert §3.3.1 for -260 and its inner key 1 = eu_dcc_v1). */
export const CLAIM = { iss: 1, exp: 4, iat: 6, hcert: -260 } as const;
export const HCERT_EU_DCC_V1 = 1;

/** The issuer country (claim 1, hcert §3.3.4) of every DCC this service signs: also the COUNTRYCODEUCI prefix (docs/revocation.md). */
export const ISSUER_COUNTRY = "FR";

/** Seconds of signature validity per certificate type (config.ts reads the operator's values). */
export type ValidityPolicy = Readonly<Record<CertificateType, number>>;

// Defaults (README.md "Configuration"): vaccination and recovery 365 days (the eHN certificate governance
// assumes 1-year DCCs), test 72 hours.
export const DEFAULT_VALIDITY: ValidityPolicy = Object.freeze({ v: 365 * 86_400, t: 72 * 3_600, r: 365 * 86_400 });

export interface Validity {
  /** NumericDate seconds (issuers write integers: dgc-testdata issuer check I-CO4). */
  readonly iat: number;
  readonly exp: number;
}

export interface ClaimsInput {
  readonly payload: DccPayload;
  readonly issuer: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** `{1: iss, 4: exp, 6: iat, -260: {1: DCC}}` with integer keys (a Map; the CBOR encoder keeps them). */
export function buildClaims(input: ClaimsInput): Map<number, unknown> {
  if (!Number.isSafeInteger(input.issuedAt) || !Number.isSafeInteger(input.expiresAt)) {
    throw new TypeError("iat and exp must be integer seconds");
  }
  return new Map<number, unknown>([
    [CLAIM.iss, input.issuer],
    [CLAIM.exp, input.expiresAt],
    [CLAIM.iat, input.issuedAt],
    [CLAIM.hcert, new Map([[HCERT_EU_DCC_V1, input.payload]])],
  ]);
}

/**
 * iat = now; exp = iat + the type's validity, capped at the DSC notAfter (hcert §3.3.5: a DCC never outlives
 * its DSC), anchored on issuance, not on the event date: anchored on the vaccination date (as the EU reference
 * dgca-issuance-service's `ExpirationService` does), an old vaccination would get an already-expired DCC.
 * A signer that is not yet valid (iat would precede notBefore, hcert §3.3.6) or whose cap leaves no validity
 * (exp ≤ iat) cannot sign: DccError ERR_DCC_NO_SIGNER (503). That code, rather than ERR_HSM_KEY, because
 * the key itself is fine: there is simply no signer usable right now for this type, which an operator
 * fixes by rolling the DSC — exactly what "no signer configured" tells them. `field` names the bound.
 */
export function computeValidity(type: CertificateType, now: Date, signer: DccSigner, policy: ValidityPolicy = DEFAULT_VALIDITY): Validity {
  const seconds = policy[type];
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new TypeError("validity must be a positive integer of seconds");
  const iat = Math.floor(now.getTime() / 1000);
  if (Number.isNaN(iat)) throw new TypeError("now is not a valid date");
  if (iat < Math.ceil(signer.notBefore.getTime() / 1000)) throw new DccError("ERR_DCC_NO_SIGNER", { field: "notBefore" });
  const exp = Math.min(iat + seconds, Math.floor(signer.notAfter.getTime() / 1000));
  if (exp <= iat) throw new DccError("ERR_DCC_NO_SIGNER", { field: "notAfter" });
  return { iat, exp };
}
