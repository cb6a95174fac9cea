// COSE_Sign1 (RFC 9052 §4.2, §4.4; hcert §3.3.1–3.3.3), assembled here because the key is in the HSM:
// no COSE library for Node can call a PKCS#11 signer, so we build what the DGCA web client and the NL
// issuer build — Sig_structure, SHA-256 in Node, a raw r‖s over the digest from the signer.
import { createHash } from "node:crypto";
import { HsmError } from "../errors.js";
import type { DccSigner } from "./signing.js";
import { encodeCbor, Tag } from "./cbor.js";

export const COSE_ALG = { ES256: -7, PS256: -37 } as const;
export const HEADER = { alg: 1, kid: 4 } as const;
export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;
const EMPTY = Buffer.alloc(0);
const ES256_SIGNATURE_LENGTH = 64;

// hcert §3.3.1/§3.3.3: alg and kid in the protected header, unprotected header an empty map.
// The protected bytes are the same for every DCC of a signer: computed once per signer.
const protectedHeaders = new WeakMap<DccSigner, Buffer>();

export function buildProtectedHeader(kid: Uint8Array, alg: number = COSE_ALG.ES256): Buffer {
  return encodeCbor(
    new Map<number, unknown>([
      [HEADER.alg, alg],
      [HEADER.kid, kid],
    ]),
  );
}

function protectedHeaderOf(signer: DccSigner): Buffer {
  let header = protectedHeaders.get(signer);
  if (header === undefined) {
    header = buildProtectedHeader(signer.kid);
    protectedHeaders.set(signer, header);
  }
  return header;
}

/** RFC 8152 §4.4: `["Signature1", protected, external_aad = h'', payload]` — the bytes that are signed. */
export function buildSigStructure(protectedHeader: Uint8Array, payload: Uint8Array): Buffer {
  return encodeCbor(["Signature1", protectedHeader, EMPTY, payload]);
}

/** `18([protected, {}, payload, signature])`. */
export function buildCoseSign1(protectedHeader: Uint8Array, payload: Uint8Array, signature: Uint8Array): Buffer {
  return encodeCbor(new Tag([protectedHeader, new Map(), payload, signature], COSE_SIGN1_TAG));
}

export interface SignedCose {
  readonly protectedHeader: Buffer;
  readonly sigStructure: Buffer;
  readonly signature: Buffer;
  readonly cose: Buffer;
}

/** ES256: SHA-256 of the Sig_structure here, ECDSA in the signer, 64-byte r‖s (RFC 8152 §8.1). */
export async function signCose(signer: DccSigner, payload: Buffer): Promise<SignedCose> {
  const protectedHeader = protectedHeaderOf(signer);
  const sigStructure = buildSigStructure(protectedHeader, payload);
  const signature = await signer.sign(createHash("sha256").update(sigStructure).digest());
  // Fail closed: a DER or truncated signature would give a DCC nobody can verify.
  if (signature.length !== ES256_SIGNATURE_LENGTH) throw new HsmError("ERR_HSM_KEY", { field: "signature" });
  return { protectedHeader, sigStructure, signature, cose: buildCoseSign1(protectedHeader, payload, signature) };
}
