// Reading a VDS-NC seal's envelope (ICAO VDS-NC §1, docs/international-format.md): `{"data": {"hdr", "msg"},
// "sig": {"alg", "cer", "sigvl"}}`. Everything the signature check needs is read here, once; any deviation is
// ERR_SEAL_FORMAT naming the member, never its value. The message itself is not interpreted: it is what was signed.
import { X509Certificate } from "node:crypto";
import { DccError } from "../errors.js";
import { decodeBase64url } from "./base64url.js";
import { SEAL_PROFILES, type SealProfile } from "./seal-types.js";
import { isJsonObject } from "../json-object.js";

/** ICAO VDS-NC §1: ECDSA with these hashes and these raw r‖s component sizes. */
export const SEAL_ALGORITHMS = {
  ES256: { hash: "sha256", size: 32 },
  ES384: { hash: "sha384", size: 48 },
  ES512: { hash: "sha512", size: 66 },
} as const;
export type SealAlgorithm = keyof typeof SEAL_ALGORITHMS;

export interface ParsedSeal {
  /** `data` as it came: what the signature covers (canonicalised by the verifier), unknown members included. */
  readonly data: Record<string, unknown>;
  readonly profile: SealProfile;
  /** `hdr.is`: the issuing state. */
  readonly issuer: string;
  readonly alg: SealAlgorithm;
  readonly certificate: X509Certificate;
  readonly signature: Buffer;
}

/** Longer than any seal a QR code can hold (ICAO VDS-NC: byte mode, at most 2,953 bytes at ECC level L). */
export const SEAL_MAX_LENGTH = 4096;
const ISSUING_STATE = /^[A-Z]{3}$/;

function fail(field: string): DccError {
  return new DccError("ERR_SEAL_FORMAT", { field });
}

function member(parent: Record<string, unknown>, name: string, field: string): Record<string, unknown> {
  const value = parent[name];
  if (!isJsonObject(value)) throw fail(field);
  return value;
}

function text(parent: Record<string, unknown>, name: string, field: string): string {
  const value = parent[name];
  if (typeof value !== "string") throw fail(field);
  return value;
}

function readHeader(data: Record<string, unknown>): { readonly t: SealProfile; readonly is: string } {
  const hdr = member(data, "hdr", "data.hdr");
  const t = text(hdr, "t", "data.hdr.t");
  if (!Object.hasOwn(SEAL_PROFILES, t)) throw fail("data.hdr.t");
  if (hdr["v"] !== 1) throw fail("data.hdr.v");
  const is = text(hdr, "is", "data.hdr.is");
  if (!ISSUING_STATE.test(is)) throw fail("data.hdr.is");
  return { t: t as SealProfile, is };
}

function readCertificate(der: Buffer | undefined): X509Certificate {
  if (der === undefined || der.length === 0) throw fail("sig.cer");
  try {
    return new X509Certificate(der);
  } catch {
    throw fail("sig.cer");
  }
}

/** The seal's parts, or DccError ERR_SEAL_FORMAT naming the first member that is wrong. */
export function parseSeal(input: string): ParsedSeal {
  if (input.length > SEAL_MAX_LENGTH) throw fail("seal");
  let root: unknown;
  try {
    root = JSON.parse(input);
  } catch {
    throw fail("seal");
  }
  if (!isJsonObject(root)) throw fail("seal");
  const data = member(root, "data", "data");
  const hdr = readHeader(data);
  member(data, "msg", "data.msg");
  const sig = member(root, "sig", "sig");
  const alg = text(sig, "alg", "sig.alg");
  if (!Object.hasOwn(SEAL_ALGORITHMS, alg)) throw new DccError("ERR_SEAL_ALGORITHM", { field: "sig.alg" });
  const certificate = readCertificate(decodeBase64url(text(sig, "cer", "sig.cer")));
  const signature = decodeBase64url(text(sig, "sigvl", "sig.sigvl"));
  if (signature?.length !== 2 * SEAL_ALGORITHMS[alg as SealAlgorithm].size) throw fail("sig.sigvl");
  return { data, profile: hdr.t, issuer: hdr.is, alg: alg as SealAlgorithm, certificate, signature };
}
