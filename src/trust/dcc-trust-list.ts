// DCC_TRUST_LIST: the EU gateway's trust list of DSCs (dgc-gateway `GET /trustList/DSC`), a JSON array of
// `{kid, country, certificateType, rawData}` where `rawData` is the base64 DER of the DSC and `kid` the base64 of the
// first 8 bytes of its SHA-256 (hcert §3.3.2). Every country's DCCs verify. Entries are indexed by the kid computed
// from the certificate itself (an entry whose stated kid differs is refused: the list is inconsistent). Only
// `DSC` entries are used. The gateway's own signature over each entry is not checked: the operator obtains the list
// over an authenticated channel (docs/verification.md, "Trust and rules, reloaded").
import { X509Certificate } from "node:crypto";
import { ConfigError } from "../errors.js";
import { computeKid } from "../dcc/kid.js";
import type { DccTrustList } from "../verification/types.js";

const FIELD = "DCC_TRUST_LIST";

function listError(place: string, reason: string): ConfigError {
  return new ConfigError("ERR_CONFIG", { field: place, cause: new TypeError(reason) });
}

/** A trust list over certificates, indexed by kid. */
export function dccTrustListOf(certificates: readonly X509Certificate[]): DccTrustList {
  const byKid = new Map<string, X509Certificate[]>();
  for (const certificate of certificates) {
    const kid = computeKid(certificate).toString("base64");
    byKid.set(kid, [...(byKid.get(kid) ?? []), certificate]);
  }
  return Object.freeze({
    find: (kid: Uint8Array) => byKid.get(Buffer.from(kid).toString("base64")) ?? [],
    certificates: Object.freeze([...certificates]),
  });
}

function readEntry(entry: unknown, index: number): X509Certificate | undefined {
  const place = `${FIELD}[${index}]`;
  if (typeof entry !== "object" || entry === null) throw listError(place, "not an object");
  const { kid, certificateType, rawData } = entry as Record<string, unknown>;
  if (certificateType !== undefined && certificateType !== "DSC") return undefined;
  if (typeof rawData !== "string" || typeof kid !== "string") throw listError(place, "kid and rawData are required");
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(rawData, "base64"));
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: place, cause });
  }
  if (computeKid(certificate).toString("base64") !== kid) throw listError(place, "the kid is not the certificate's");
  return certificate;
}

/** Parses the gateway's JSON; anything malformed throws ConfigError naming the entry (never its content). */
export function parseDccTrustList(text: string): DccTrustList {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: FIELD, cause });
  }
  if (!Array.isArray(parsed)) throw listError(FIELD, "not an array");
  return dccTrustListOf(parsed.map(readEntry).filter((c): c is X509Certificate => c !== undefined));
}

/** The gateway entry of a certificate (what `GET /v1/verifier/trust` publishes, and what tests write). */
export function trustListEntry(certificate: X509Certificate): { kid: string; country: string; certificateType: "DSC"; rawData: string } {
  const country = /^C=(.+)$/m.exec(certificate.subject)?.[1] ?? "";
  return { kid: computeKid(certificate).toString("base64"), country, certificateType: "DSC", rawData: certificate.raw.toString("base64") };
}
