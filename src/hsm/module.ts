// Loading the PKCS#11 library and finding the token (PKCS#11 v2.40 §5.4–5.6).
// pkcs11js must be imported by its default export under ESM: `import * as` leaves the CK* constants undefined.
import pkcs11js from "pkcs11js";

export type Pkcs11 = pkcs11js.PKCS11;
export type Handle = pkcs11js.Handle;
export { pkcs11js };

/**
 * Loads the library and initialises it; CKF_OS_LOCKING_OK lets several threads call it (the libuv threadpool's
 * C_*Async, the conversion workers' sessions). With `takeOver` (the vault thread, the library's one owner in the
 * process), a library that is already initialised — left so by a vault thread that died, its sessions with it — is
 * finalised and initialised afresh; the caller has shut the session gate first (session-gate.ts).
 */
export function loadModule(modulePath: string, { takeOver = false } = {}): Pkcs11 {
  const module = new pkcs11js.PKCS11();
  module.load(modulePath);
  try {
    try {
      module.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    } catch (error) {
      if (!takeOver || pkcs11Code(error) !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
      module.C_Finalize();
      module.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    }
  } catch (error) {
    closeQuietly(module);
    throw error;
  }
  return module;
}

/**
 * The library as another thread of the process initialised it (a conversion worker: the vault thread owns
 * C_Initialize and C_Finalize, PKCS#11 v2.40 §5.4). Called inside the session gate, so the library is initialised:
 * C_Initialize answers CKR_CRYPTOKI_ALREADY_INITIALIZED. Never finalised by the caller; `close` only unloads.
 */
export function attachModule(modulePath: string): Pkcs11 {
  const module = new pkcs11js.PKCS11();
  module.load(modulePath);
  try {
    module.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (error) {
    if (pkcs11Code(error) === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) return module;
    closeQuietly(module);
    throw error;
  }
  // This thread initialised it: the owner is not there. Leave the library as it was found.
  unloadModule(module);
  throw new pkcs11js.NativeError("the PKCS#11 library was not initialised by the vault thread");
}

/** Finalises and unloads, ignoring errors: used on a module that may already be broken. */
export function unloadModule(module: Pkcs11): void {
  try {
    module.C_Finalize();
  } catch {
    // the library may be gone or never initialised; nothing else to release
  }
  closeQuietly(module);
}

function closeQuietly(module: Pkcs11): void {
  try {
    module.close();
  } catch {
    // already closed
  }
}

/** The slot whose token carries `label` (SoftHSM's slot ids are random: find them by label). */
export function findSlotByLabel(module: Pkcs11, label: string): Handle | undefined {
  for (const slot of module.C_GetSlotList(true)) {
    if (module.C_GetTokenInfo(slot).label.trimEnd() === label) return slot;
  }
  return undefined;
}

/** A read-write serial session (CKF_SERIAL_SESSION is mandatory in PKCS#11 v2.40 §5.6). */
export function openSession(module: Pkcs11, slot: Handle): Handle {
  return module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
}

/** Logs the user in; login is per application (PKCS#11 v2.40 §5.6), so a second login is not an error. */
export function loginUser(module: Pkcs11, session: Handle, pin: string): void {
  try {
    module.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    if (pkcs11Code(error) !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) throw error;
  }
}

/** The CKR_* value of a pkcs11js error, or undefined for anything else. */
export function pkcs11Code(error: unknown): number | undefined {
  if (error instanceof pkcs11js.Pkcs11Error) return error.code;
  return undefined;
}
