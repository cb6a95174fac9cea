// What the vault thread and the conversion workers ask of the token, each on one pooled session (PKCS#11 v2.40
// §5.12: C_SignInit then one C_Sign per operation). PKCS11_CALLS chooses where C_Sign runs: `inline` on the thread
// that asks (a local token answers in tens of microseconds: no hand-over to another thread costs less),
// `threadpool` as C_SignAsync on the libuv threadpool, several at once (a network HSM answering in milliseconds;
// docs/operations.md, "Scaling"). SoftHSM has no CKM_ECDSA_SHA256: the caller hashes, the token signs the 32-byte
// digest with CKM_ECDSA (hcert §3.3.1: ES256 = raw r‖s, 64 bytes).
import { pkcs11js } from "./module.js";
import type { Handle, Pkcs11 } from "./module.js";

/** Where C_Sign runs (PKCS11_CALLS). */
export type Pkcs11Calls = "inline" | "threadpool";

export const PKCS11_CALLS: readonly [Pkcs11Calls, ...Pkcs11Calls[]] = ["inline", "threadpool"];

/** C_SignInit + C_Sign: the one place a signature or MAC is made; a result of another length is a failure. */
export async function signWith(
  module: Pkcs11,
  session: Handle,
  mechanism: number,
  key: Handle,
  data: Buffer,
  length: number,
  calls: Pkcs11Calls,
): Promise<Buffer> {
  module.C_SignInit(session, { mechanism }, key);
  const output =
    calls === "inline" ? module.C_Sign(session, data, Buffer.alloc(length)) : await module.C_SignAsync(session, data, Buffer.alloc(length));
  if (output.length !== length) throw new pkcs11js.NativeError("the token returned an output of the wrong size");
  return Buffer.from(output);
}

/** ECDSA P-256 over a SHA-256 digest computed by the caller → raw r‖s. */
export function signDigest(module: Pkcs11, session: Handle, key: Handle, digest: Buffer, calls: Pkcs11Calls): Promise<Buffer> {
  return signWith(module, session, pkcs11js.CKM_ECDSA, key, digest, 64, calls);
}

/** The UVCI keyed hash (src/dcc/uvci.ts): HMAC-SHA256 with a secret that never leaves the token. */
export function hmacSha256(module: Pkcs11, session: Handle, key: Handle, data: Buffer, calls: Pkcs11Calls): Promise<Buffer> {
  return signWith(module, session, pkcs11js.CKM_SHA256_HMAC, key, data, 32, calls);
}

// ECDH1 with KDF NULL yields the raw shared x coordinate. It lands in a session object that may be read
// (CKA_SENSITIVE false, CKA_EXTRACTABLE true, CKA_TOKEN false) and is destroyed at once; the static
// private key itself stays sensitive and non-extractable.
const DERIVED_TEMPLATE: pkcs11js.Template = [
  { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
  { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
  { type: pkcs11js.CKA_TOKEN, value: false },
  { type: pkcs11js.CKA_SENSITIVE, value: false },
  { type: pkcs11js.CKA_EXTRACTABLE, value: true },
  { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
];

/** CKM_ECDH1_DERIVE with `key` and the peer's uncompressed 65-byte point (checked on the curve by the caller). */
export async function deriveEcdh(module: Pkcs11, session: Handle, key: Handle, peerPoint: Buffer): Promise<Buffer> {
  const mechanism = {
    mechanism: pkcs11js.CKM_ECDH1_DERIVE,
    parameter: { type: pkcs11js.CK_PARAMS_EC_DH, kdf: pkcs11js.CKD_NULL, publicData: peerPoint },
  };
  const derived = await module.C_DeriveKeyAsync(session, mechanism, key, DERIVED_TEMPLATE);
  try {
    const [value] = module.C_GetAttributeValue(session, derived, [{ type: pkcs11js.CKA_VALUE }]);
    if (!(value?.value instanceof Buffer) || value.value.length !== 32) {
      throw new pkcs11js.NativeError("CKM_ECDH1_DERIVE returned a secret of the wrong size");
    }
    return Buffer.from(value.value);
  } finally {
    module.C_DestroyObject(session, derived);
  }
}
