// Finding token objects by RFC 7512 URI and reading the attributes that prove custody (PKCS#11 v2.40 §4.9;
// docs/operations.md, "Deploying the chart with a real HSM").
import { HsmError } from "../errors.js";
import { pkcs11js } from "./module.js";
import type { Handle, Pkcs11 } from "./module.js";
import type { Pkcs11ObjectType, Pkcs11Uri } from "./pkcs11-uri.js";

const OBJECT_CLASSES: Readonly<Record<Pkcs11ObjectType, number>> = {
  private: pkcs11js.CKO_PRIVATE_KEY,
  public: pkcs11js.CKO_PUBLIC_KEY,
  "secret-key": pkcs11js.CKO_SECRET_KEY,
  cert: pkcs11js.CKO_CERTIFICATE,
  data: pkcs11js.CKO_DATA,
};

/** Every object matching the template (at most `limit`). */
export function findObjects(module: Pkcs11, session: Handle, template: pkcs11js.Template, limit = 16): Handle[] {
  module.C_FindObjectsInit(session, template);
  try {
    return module.C_FindObjects(session, limit);
  } finally {
    module.C_FindObjectsFinal(session);
  }
}

/** The one object of class `type` named by the URI; none or several → HsmError ERR_HSM_KEY naming `field`. */
export function findKey(module: Pkcs11, session: Handle, uri: Pkcs11Uri, type: Pkcs11ObjectType, field: string): Handle {
  if (uri.type !== undefined && uri.type !== type) throw new HsmError("ERR_HSM_KEY", { field });
  const found = findObjects(module, session, templateOf(uri, type), 2);
  const [handle] = found;
  if (handle === undefined || found.length > 1) throw new HsmError("ERR_HSM_KEY", { field });
  return handle;
}

/** The public-key object sharing the private key's label/id, or undefined when the token holds none. */
export function findPublicKey(module: Pkcs11, session: Handle, uri: Pkcs11Uri): Handle | undefined {
  const found = findObjects(module, session, templateOf(uri, "public"), 2);
  return found.length === 1 ? found[0] : undefined;
}

function templateOf(uri: Pkcs11Uri, type: Pkcs11ObjectType): pkcs11js.Template {
  const template: pkcs11js.Template = [{ type: pkcs11js.CKA_CLASS, value: OBJECT_CLASSES[type] }];
  if (uri.object !== undefined) template.push({ type: pkcs11js.CKA_LABEL, value: uri.object });
  if (uri.id !== undefined) template.push({ type: pkcs11js.CKA_ID, value: Buffer.from(uri.id) });
  return template;
}

export interface KeyCustody {
  readonly sensitive: boolean;
  readonly extractable: boolean;
  readonly neverExtractable: boolean;
}

/** CKA_SENSITIVE / CKA_EXTRACTABLE / CKA_NEVER_EXTRACTABLE as booleans. */
export function readCustody(module: Pkcs11, session: Handle, key: Handle): KeyCustody {
  const [sensitive, extractable, neverExtractable] = module.C_GetAttributeValue(session, key, [
    { type: pkcs11js.CKA_SENSITIVE },
    { type: pkcs11js.CKA_EXTRACTABLE },
    { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
  ]);
  return {
    sensitive: isTrue(sensitive?.value),
    extractable: isTrue(extractable?.value),
    neverExtractable: isTrue(neverExtractable?.value),
  };
}

/** Refuses a key that could leave the token (PKCS#11 v2.40 §4.9: CKA_SENSITIVE true, CKA_EXTRACTABLE false). */
export function requireCustody(module: Pkcs11, session: Handle, key: Handle, field: string): void {
  const custody = readCustody(module, session, key);
  if (!custody.sensitive || custody.extractable) throw new HsmError("ERR_HSM_KEY", { field });
}

/** CK_BBOOL attributes come back as a 1-byte buffer. */
function isTrue(value: unknown): boolean {
  return value instanceof Buffer ? value.length > 0 && value[0] !== 0 : value === true;
}
