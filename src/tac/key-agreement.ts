// The port of TousAntiCovid v2 key agreement (docs/tousanticovid.md): ECDH with the service's static keys, which
// never leave the HSM, and the one check of an alias the app names.
import { RequestError } from "../errors.js";

export interface KeyAgreement {
  /** Base64 SPKI of each live TousAntiCovid v2 alias. */
  readonly keyAgreementKeys: Readonly<Record<string, string>>;
  /**
   * ECDH (CKM_ECDH1_DERIVE) with a live alias: the 32-byte shared x coordinate. An alias that is not live is
   * ERR_TAC_KEY_ALIAS and a point off the curve ERR_TAC_CLIENT_KEY, both before any HSM call.
   */
  deriveSharedSecret(alias: string, peerPublicPoint: Buffer): Promise<Buffer>;
}

/** Alias names as configured (`prd01`, `dev01` …): a short closed alphabet, checked before lookup. */
const ALIAS = /^[\w-]{1,64}$/;

/** The alias when it is live; ERR_TAC_KEY_ALIAS otherwise (its field: the request's `keyAlias`). */
export function liveAlias(keys: Readonly<Record<string, string>>, alias: unknown): string {
  if (typeof alias !== "string" || !ALIAS.test(alias) || !Object.hasOwn(keys, alias)) {
    throw new RequestError("ERR_TAC_KEY_ALIAS", { field: "keyAlias" });
  }
  return alias;
}
