// One logged-in read-write session on the development token, for `hsm init` (not the service's pool).
import { createHash } from "node:crypto";
import { findSlotByLabel, loadModule, loginUser, openSession, pkcs11js, unloadModule } from "../../hsm/module.js";
import type { Handle, Pkcs11 } from "../../hsm/module.js";
import { findObjects } from "../../hsm/key-lookup.js";
import { signDigest } from "../../hsm/operations.js";
import type { RawSigner } from "./certificate-builder.js";

export const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";

export interface TokenSession {
  readonly module: Pkcs11;
  readonly session: Handle;
  close(): void;
}

/** Opens the token labelled `label` and logs in; undefined when the token is absent or refuses the PIN. */
export function openTokenSession(modulePath: string, label: string, pin: string): TokenSession | undefined {
  let module: Pkcs11 | undefined;
  try {
    module = loadModule(modulePath);
    const slot = findSlotByLabel(module, label);
    if (slot === undefined) throw new Error("token not found");
    const session = openSession(module, slot);
    loginUser(module, session, pin);
    const opened = module;
    return { module: opened, session, close: () => closeTokenSession(opened, session) };
  } catch {
    if (module !== undefined) unloadModule(module);
    return undefined;
  }
}

function closeTokenSession(module: Pkcs11, session: Handle): void {
  try {
    module.C_Logout(session);
    module.C_CloseSession(session);
  } finally {
    unloadModule(module);
  }
}

/** The single object of `objectClass` labelled `label`, or undefined. */
export function findByLabel(token: TokenSession, objectClass: number, label: string): Handle | undefined {
  const found = findObjects(token.module, token.session, [
    { type: pkcs11js.CKA_CLASS, value: objectClass },
    { type: pkcs11js.CKA_LABEL, value: label },
  ]);
  return found.length === 1 ? found[0] : undefined;
}

/** ECDSA-with-SHA256 through the token: SHA-256 in Node, CKM_ECDSA in the token (SoftHSM 2.6 has no CKM_ECDSA_SHA256). */
export function tokenSigner(token: TokenSession, privateKey: Handle): RawSigner {
  return (data) => signDigest(token.module, token.session, privateKey, createHash("sha256").update(data).digest(), "inline");
}
