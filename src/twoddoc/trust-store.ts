// The 2D-DOC trust list (ANTS 2D-Doc trust service list; README, TWODDOC_TRUST_BUNDLE): signing certificates
// keyed by (issuer CN = header CA id, subject CN = header certificate id). Like the French apps we pin
// the leaf keys; the certificate supplies the key and the validity period checked at the signature date.
// The KeyObject is made once here, at load, so verification never re-parses a key (BENCHMARKS.md, "2D-DOC parse + verify").
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { pemCertificateBlocks } from "../crypto/pem.js";
import { ConfigError } from "../errors.js";
import type { TrustedSigner, TrustStore } from "./types.js";

const CONFIG_FIELD = "TWODDOC_TRUST_BUNDLE";
const BUNDLED_LIST = new URL("../../assets/trust/fr-2ddoc-covid.pem", import.meta.url);

function configError(cause?: unknown): ConfigError {
  return new ConfigError("ERR_CONFIG", cause === undefined ? { field: CONFIG_FIELD } : { field: CONFIG_FIELD, cause });
}

/** One attribute of an X509Certificate `issuer`/`subject` text ("C=FR\nO=…\nCN=FR03"). */
function attribute(distinguishedName: string, type: "CN" | "C"): string | undefined {
  return distinguishedName
    .split("\n")
    .find((part) => part.startsWith(`${type}=`))
    ?.slice(type.length + 1);
}

function commonName(distinguishedName: string): string {
  const name = attribute(distinguishedName, "CN");
  if (name === undefined) throw configError();
  return name;
}

function toSigner(pem: string): TrustedSigner {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (cause) {
    throw configError(cause);
  }
  // ANTS 2D-Doc: the signature zone is parsed as P-256 r‖s (all Covid keys); another key could never verify.
  if (certificate.publicKey.asymmetricKeyDetails?.namedCurve !== "prime256v1") throw configError();
  return Object.freeze({
    caId: commonName(certificate.issuer),
    certId: commonName(certificate.subject),
    publicKey: certificate.publicKey,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    country: attribute(certificate.subject, "C"),
  });
}

/** A frozen trust store over signers; two signers with the same (CA id, cert id) are ambiguous. */
export function trustStoreFromSigners(signers: readonly TrustedSigner[]): TrustStore {
  const byId = new Map<string, TrustedSigner>();
  for (const signer of signers) {
    const key = `${signer.caId}/${signer.certId}`;
    if (byId.has(key)) throw configError();
    byId.set(key, signer);
  }
  return Object.freeze({
    find: (caId: string, certId: string) => byId.get(`${caId}/${certId}`),
    size: byId.size,
  });
}

/** Loads every certificate of a PEM bundle. No certificate, or one that does not parse → ERR_CONFIG. */
export function loadTrustStore(pemBundle: string): TrustStore {
  const blocks = pemCertificateBlocks(pemBundle);
  if (blocks.length === 0) throw configError();
  return Object.freeze({ ...trustStoreFromSigners(blocks.map(toSigner)), pem: blocks.join("\n") });
}

/** Reads a PEM bundle file; an unreadable file is a configuration error naming the variable. */
export function readTrustBundle(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw configError(cause);
  }
}

/** The bundled French list: FR03 AHP1, AHP2, AV01, AV02, ING1 (assets/trust/README.md). */
export function defaultTrustBundle(): string {
  return readFileSync(BUNDLED_LIST, "utf8");
}
