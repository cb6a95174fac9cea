// The three things the service asks of the token, each on one pooled session (platform.md "SoftHSM2").
import { pkcs11js } from "./module.js";
import type { Handle } from "./module.js";
import type { Connection } from "./connection.js";

/** dcc.md §1.11: SHA-256 is computed by the caller, the token signs the 32-byte digest with CKM_ECDSA → raw r‖s. */
export async function signDigest(connection: Connection, session: Handle, key: Handle, digest: Buffer): Promise<Buffer> {
  connection.module.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
  const signature = await connection.module.C_SignAsync(session, digest, Buffer.alloc(64));
  if (signature.length !== 64) throw new pkcs11js.NativeError("CKM_ECDSA returned a signature of the wrong size");
  return Buffer.from(signature);
}

/** The UVCI keyed hash (dcc.md §4, contract §7): HMAC-SHA256 with a secret that never leaves the token. */
export async function hmacSha256(connection: Connection, session: Handle, data: Buffer): Promise<Buffer> {
  connection.module.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_HMAC }, connection.uvciKey);
  const mac = await connection.module.C_SignAsync(session, data, Buffer.alloc(32));
  if (mac.length !== 32) throw new pkcs11js.NativeError("CKM_SHA256_HMAC returned a MAC of the wrong size");
  return Buffer.from(mac);
}

// ECDH1 with KDF NULL yields the raw shared x coordinate. It lands in a session object that may be read
// (CKA_SENSITIVE false, CKA_EXTRACTABLE true, CKA_TOKEN false) and is destroyed at once; the static
// private key itself stays sensitive and non-extractable (contract §6).
const DERIVED_TEMPLATE: pkcs11js.Template = [
  { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
  { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_GENERIC_SECRET },
  { type: pkcs11js.CKA_TOKEN, value: false },
  { type: pkcs11js.CKA_SENSITIVE, value: false },
  { type: pkcs11js.CKA_EXTRACTABLE, value: true },
  { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
];

/** CKM_ECDH1_DERIVE with `key` and the peer's uncompressed 65-byte point (checked on the curve by the caller). */
export async function deriveEcdh(connection: Connection, session: Handle, key: Handle, peerPoint: Buffer): Promise<Buffer> {
  const mechanism = {
    mechanism: pkcs11js.CKM_ECDH1_DERIVE,
    parameter: { type: pkcs11js.CK_PARAMS_EC_DH, kdf: pkcs11js.CKD_NULL, publicData: peerPoint },
  };
  const derived = await connection.module.C_DeriveKeyAsync(session, mechanism, key, DERIVED_TEMPLATE);
  try {
    const [value] = connection.module.C_GetAttributeValue(session, derived, [{ type: pkcs11js.CKA_VALUE }]);
    if (!(value?.value instanceof Buffer) || value.value.length !== 32) {
      throw new pkcs11js.NativeError("CKM_ECDH1_DERIVE returned a secret of the wrong size");
    }
    return Buffer.from(value.value);
  } finally {
    connection.module.C_DestroyObject(session, derived);
  }
}
