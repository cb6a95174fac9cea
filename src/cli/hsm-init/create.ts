// The development token (softhsm/README.md): `createDevToken(dir)` makes a SoftHSM2 home, a token `dcc-dev`,
// keys generated inside it, a development PKI, and the configuration files the service reads by default.
// Idempotent: an existing token that opens is kept; `refresh` re-issues certificates (or rebuilds a broken token).
// A token made before the upload key or the ICAO keys existed is completed: the missing keys are generated, the others
// kept, and the files re-issued.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { CertificateType } from "../../dcc/types.js";
import { CERTIFICATE_TYPE_NAMES, CERTIFICATE_TYPES } from "../../dcc/types.js";
import { pkcs11js } from "../../hsm/module.js";
import { generateEcKeyPair, generateHmacKey, readSpki } from "./keys.js";
import { issueDevCsca, issueDevDsc, issueDevUpload } from "./pki.js";
import { issueDevBarcodeSigner, issueDevHealthCsca } from "./icao-pki.js";
import { DEV_TOKEN_LABEL, initToken, softHsmHome, writePin, writeSoftHsmConf } from "./softhsm-conf.js";
import type { SoftHsmHome } from "./softhsm-conf.js";
import { findByLabel, openTokenSession, SOFTHSM_MODULE, tokenSigner } from "./token-session.js";
import type { TokenSession } from "./token-session.js";
import { DEV_KEY_LABELS, writeDevFiles } from "./dev-files.js";
import type { DevFiles } from "./dev-files.js";

export interface DevTokenOptions {
  readonly refresh?: boolean;
  readonly modulePath?: string;
  readonly now?: Date;
}

export interface DevTokenReport {
  readonly action: "unchanged" | "created" | "reissued";
  readonly confPath: string;
  readonly pinPath: string;
  readonly files?: DevFiles;
}

const EC_LABELS = [DEV_KEY_LABELS.csca, ...Object.values(DEV_KEY_LABELS.dsc), DEV_KEY_LABELS.tac];

export async function createDevToken(dir = ".softhsm", options: DevTokenOptions = {}): Promise<DevTokenReport> {
  const home = softHsmHome(resolve(dir));
  const modulePath = options.modulePath ?? SOFTHSM_MODULE;
  // SoftHSM reads SOFTHSM2_CONF at C_Initialize: it must be in the environment before the module is initialised.
  process.env["SOFTHSM2_CONF"] = home.confPath;
  const report = { confPath: home.confPath, pinPath: home.pinPath };
  const existing = existsSync(home.pinPath) ? openComplete(modulePath, readPin(home)) : undefined;
  if (existing !== undefined) {
    try {
      const completed = addSigningKeysWhenMissing(existing);
      const filesPresent = ["signers.json", "upload-signer.json", "icao-signers.json"].every((file) => existsSync(`${home.dir}/${file}`));
      if (!options.refresh && !completed && filesPresent) return { action: "unchanged", ...report };
      return { action: "reissued", ...report, files: await issueAll(home, existing, options.now ?? new Date()) };
    } finally {
      existing.close();
    }
  }
  const token = rebuildToken(home, modulePath);
  try {
    generateAllKeys(token);
    return { action: "created", ...report, files: await issueAll(home, token, options.now ?? new Date()) };
  } finally {
    token.close();
  }
}

/**
 * The token with every development key present, or undefined (absent, wrong PIN, keys missing). The upload key is
 * not required here: a token made before it existed is completed by addUploadKeyWhenMissing, its other keys kept.
 */
function openComplete(modulePath: string, pin: string): TokenSession | undefined {
  const token = openTokenSession(modulePath, DEV_TOKEN_LABEL, pin);
  if (token === undefined) return undefined;
  const complete =
    EC_LABELS.every((label) => findByLabel(token, pkcs11js.CKO_PRIVATE_KEY, label) !== undefined) &&
    EC_LABELS.every((label) => findByLabel(token, pkcs11js.CKO_PUBLIC_KEY, label) !== undefined) &&
    findByLabel(token, pkcs11js.CKO_SECRET_KEY, DEV_KEY_LABELS.uvci) !== undefined;
  if (complete) return token;
  token.close();
  return undefined;
}

function rebuildToken(home: SoftHsmHome, modulePath: string): TokenSession {
  rmSync(home.tokensDir, { recursive: true, force: true });
  writeSoftHsmConf(home);
  const pin = randomBytes(12).toString("hex");
  writePin(home, pin);
  // The SO PIN is not kept: a broken development token is rebuilt, never repaired.
  initToken(home, DEV_TOKEN_LABEL, randomBytes(12).toString("hex"), pin);
  const token = openTokenSession(modulePath, DEV_TOKEN_LABEL, pin);
  if (token === undefined) throw new Error("the new development token cannot be opened");
  return token;
}

/** The signing keys added after the first tokens (upload signer, ICAO health CSCA and barcode signer). */
const LATER_SIGNING_KEYS = [DEV_KEY_LABELS.upload, DEV_KEY_LABELS.icaoCsca, DEV_KEY_LABELS.icaoSigner];

/** Generates each later key pair the token lacks (a token made before it existed); true when it generated one. */
function addSigningKeysWhenMissing(token: TokenSession): boolean {
  let added = false;
  for (const label of LATER_SIGNING_KEYS) {
    const halves = [pkcs11js.CKO_PRIVATE_KEY, pkcs11js.CKO_PUBLIC_KEY].map((objectClass) => findByLabel(token, objectClass, label));
    if (halves.every((handle) => handle !== undefined)) continue;
    // Half a pair (an interrupted run) is removed, so the label names one pair.
    for (const handle of halves) {
      if (handle !== undefined) token.module.C_DestroyObject(token.session, handle);
    }
    generateEcKeyPair(token.module, token.session, { label, usage: "sign" });
    added = true;
  }
  return added;
}

function generateAllKeys(token: TokenSession): void {
  for (const label of [DEV_KEY_LABELS.csca, ...Object.values(DEV_KEY_LABELS.dsc), ...LATER_SIGNING_KEYS]) {
    generateEcKeyPair(token.module, token.session, { label, usage: "sign" });
  }
  generateEcKeyPair(token.module, token.session, { label: DEV_KEY_LABELS.tac, usage: "derive" });
  generateHmacKey(token.module, token.session, DEV_KEY_LABELS.uvci);
}

async function issueAll(home: SoftHsmHome, token: TokenSession, now: Date): Promise<DevFiles> {
  const spkiOf = (label: string) => readSpki(token.module, token.session, requireHandle(token, pkcs11js.CKO_PUBLIC_KEY, label));
  const cscaSpki = spkiOf(DEV_KEY_LABELS.csca);
  const signWithCsca = tokenSigner(token, requireHandle(token, pkcs11js.CKO_PRIVATE_KEY, DEV_KEY_LABELS.csca));
  const csca = await issueDevCsca(cscaSpki, signWithCsca, now);
  const dscs: Partial<Record<CertificateType, Buffer>> = {};
  for (const type of CERTIFICATE_TYPES) {
    const spki = spkiOf(DEV_KEY_LABELS.dsc[type]);
    dscs[type] = await issueDevDsc(type, CERTIFICATE_TYPE_NAMES[type], spki, cscaSpki, signWithCsca, now);
  }
  const upload = await issueDevUpload(spkiOf(DEV_KEY_LABELS.upload), cscaSpki, signWithCsca, now);
  const healthSpki = spkiOf(DEV_KEY_LABELS.icaoCsca);
  const signWithHealthCsca = tokenSigner(token, requireHandle(token, pkcs11js.CKO_PRIVATE_KEY, DEV_KEY_LABELS.icaoCsca));
  const healthCsca = await issueDevHealthCsca(healthSpki, signWithHealthCsca, now);
  const barcodeSigner = await issueDevBarcodeSigner(spkiOf(DEV_KEY_LABELS.icaoSigner), healthSpki, signWithHealthCsca, now);
  return writeDevFiles(home.dir, csca, dscs as Record<CertificateType, Buffer>, upload, { csca: healthCsca, signer: barcodeSigner });
}

function requireHandle(token: TokenSession, objectClass: number, label: string): Buffer {
  const handle = findByLabel(token, objectClass, label);
  if (handle === undefined) throw new Error(`the development token lacks ${label}`);
  return handle;
}

function readPin(home: SoftHsmHome): string {
  return readFileSync(home.pinPath, "utf8").trim();
}
