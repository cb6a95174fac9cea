// Signing a VDS-NC seal (ICAO VDS-NC §1; docs/international-format.md, "Signing"): the signed bytes are the RFC 8785
// canonical form of `data`; the HSM signs their SHA-256 digest with ECDSA P-256 and returns raw r‖s (PKCS#11
// CKM_ECDSA), which is what `sigvl` carries (ES256). The seal text is itself canonical: `data` appears in it exactly
// as it was signed, and it is exactly what the QR code holds.
import { createHash } from "node:crypto";
import type { SealSigner } from "./signing.js";
import { encodeBase64url } from "./base64url.js";
import { canonicalJson } from "./canonical-json.js";
import type { Seal, SealData } from "./seal-types.js";

export interface SignedSeal {
  readonly seal: Seal;
  /** The seal's text: its RFC 8785 form, what the QR code holds. */
  readonly text: string;
}

export async function signSeal(data: SealData, signer: SealSigner): Promise<SignedSeal> {
  const signed = canonicalJson(data);
  const signature = await signer.sign(createHash("sha256").update(signed, "utf8").digest());
  const seal: Seal = { data, sig: { alg: "ES256", cer: encodeBase64url(signer.certificate.raw), sigvl: encodeBase64url(signature) } };
  return { seal, text: canonicalJson(seal) };
}
