// Session copies of the checked token keys, used for every operation of a connection (docs/operations.md, "Scaling").
// Why: SoftHSM re-reads a token object's file under a file lock at every C_SignInit; a session object
// (CKA_TOKEN false) lives in the token's memory. Measured on the development token, one thread, C_SignInit +
// C_Sign: ECDSA 61 → 40 µs, HMAC 23 → 9 µs, system time 14 → 1 µs per operation; more under concurrent load
// (BENCHMARKS.md, "Batch"). The copy never leaves the token, keeps the original's attributes (checked again:
// sensitive, non-extractable) and disappears with the connection's sessions. A token that refuses copies
// (CKA_COPYABLE false, CKR_ACTION_PROHIBITED, no C_CopyObject) keeps using the original key: same results.
import { readCustody } from "./key-lookup.js";
import { pkcs11js } from "./module.js";
import type { Handle, Pkcs11 } from "./module.js";

const SESSION_OBJECT: pkcs11js.Template = [{ type: pkcs11js.CKA_TOKEN, value: false }];

export function workingCopy(module: Pkcs11, session: Handle, key: Handle): Handle {
  let copy: Handle;
  try {
    copy = module.C_CopyObject(session, key, SESSION_OBJECT);
  } catch {
    return key;
  }
  try {
    const custody = readCustody(module, session, copy);
    if (custody.sensitive && !custody.extractable) return copy;
  } catch {
    // fall through: an unreadable copy is not used
  }
  try {
    module.C_DestroyObject(session, copy);
  } catch {
    // the session copy goes with the session anyway
  }
  return key;
}
