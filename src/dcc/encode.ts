// The issuing chain, one stage per step, every intermediate visible (hcert-kotlin `Chain`; hcert §3, §4.2):
// payload → CWT claims → CBOR → COSE_Sign1 → zlib → base45 → HC1:.
// The payload must already be checked (check-payload.ts); the signer must be allowed for the type.
import { DccError } from "../errors.js";
import type { DccSigner } from "./signing.js";
import { encodeBase45 } from "./base45.js";
import { encodeCbor } from "./cbor.js";
import { signCose } from "./cose.js";
import { buildClaims, computeValidity, DEFAULT_VALIDITY, ISSUER_COUNTRY, type ValidityPolicy } from "./cwt.js";
import { addPrefix } from "./hc1.js";
import { certificateTypeOf, type CertificateType, type DccPayload } from "./types.js";
import { compress } from "./zlib.js";

export type { ValidityPolicy } from "./cwt.js";

export interface EncodeInput {
  readonly payload: DccPayload;
  readonly signer: DccSigner;
  readonly now: Date;
  readonly policy?: ValidityPolicy;
  /** CWT iss (hcert §3.3.4): ISO 3166-1 alpha-2; this service issues for France. */
  readonly issuer?: string;
}

export interface EncodedDcc {
  readonly type: CertificateType;
  readonly payload: DccPayload;
  readonly claims: Map<number, unknown>;
  /** CBOR of the claims = the COSE payload. */
  readonly cbor: Buffer;
  readonly protectedHeader: Buffer;
  readonly sigStructure: Buffer;
  readonly signature: Buffer;
  readonly cose: Buffer;
  readonly compressed: Buffer;
  readonly base45: string;
  readonly hc1: string;
  readonly kid: Buffer;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export async function encodeDcc(input: EncodeInput): Promise<EncodedDcc> {
  const type = certificateTypeOf(input.payload);
  if (!input.signer.types.includes(type)) throw new DccError("ERR_DCC_NO_SIGNER", { field: type });
  const { iat, exp } = computeValidity(type, input.now, input.signer, input.policy ?? DEFAULT_VALIDITY);
  const claims = buildClaims({ payload: input.payload, issuer: input.issuer ?? ISSUER_COUNTRY, issuedAt: iat, expiresAt: exp });
  const cbor = encodeCbor(claims);
  const signed = await signCose(input.signer, cbor);
  const compressed = compress(signed.cose);
  const base45 = encodeBase45(compressed);
  return {
    type,
    payload: input.payload,
    claims,
    cbor,
    ...signed,
    compressed,
    base45,
    hc1: addPrefix(base45),
    kid: input.signer.kid,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  };
}
