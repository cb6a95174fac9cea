// Self-made 2D-DOC signers for tests: a fresh P-256 key pair, an X.509 certificate built with
// @peculiar/asn1-x509 (issuer CN = CA id, subject CN = cert id, chosen validity), and a signer that
// appends US + base32(r‖s) to a data zone (ANTS 2D-Doc, signature zone). Never the published ANTS test key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { TrustedSigner } from "../../src/twoddoc/types.js";
import { issueTestCertificate } from "./x509.js";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export interface TestSigner {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly pem: string;
}

export interface TestSignerOptions {
  readonly caId?: string;
  readonly certId?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** The subject's country (`C`); FR unless a test needs a foreign signer. */
  readonly country?: string;
}

/** A P-256 key pair and its certificate (issuer CN = caId, subject CN = certId), signed by the same key. */
export function makeTestSigner(options: TestSignerOptions = {}): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = issueTestCertificate({
    subject: options.certId ?? "TST9",
    ...(options.country === undefined ? {} : { subjectCountry: options.country }),
    issuer: options.caId ?? "FR99",
    publicKey,
    signingKey: privateKey,
    notBefore: options.notBefore ?? new Date("2021-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2030-12-31T23:59:59Z"),
  }).toString();
  return { privateKey: createPrivateKey(privateKey.export({ type: "pkcs8", format: "pem" })), publicKey: createPublicKey(pem), pem };
}

/** RFC 4648 base32 without padding. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  return bits > 0 ? out + BASE32[(buffer << (5 - bits)) & 31] : out;
}

/** Signs a data zone (header + message, ASCII) and appends US + base32(r‖s). */
export function sign2DDoc(dataZone: string, privateKey: KeyObject): string {
  const signature = sign("sha256", Buffer.from(dataZone, "latin1"), { key: privateKey, dsaEncoding: "ieee-p1363" });
  return `${dataZone}\x1f${encodeBase32(signature)}`;
}

/** A trusted signer straight from a base64 SPKI (for keys with no certificate, e.g. DHI0/TST1). */
export function signerFromSpki(caId: string, certId: string, spkiBase64: string): TrustedSigner {
  return {
    caId,
    certId,
    publicKey: createPublicKey({ key: Buffer.from(spkiBase64, "base64"), format: "der", type: "spki" }),
    notBefore: new Date("2000-01-01T00:00:00Z"),
    notAfter: new Date("2099-12-31T23:59:59Z"),
    country: "FR", // the keys pinned by the French apps (FR00 spec test key, DHI0/TST1)
  };
}

/** Header of a v04 document: `DC04` + CA + cert + dates (hex days since 2000-01-01) + type + perimeter + country. */
export function header04(
  fields: { caId?: string; certId?: string; date?: string; type?: string; perimeter?: string; country?: string } = {},
): string {
  const date = fields.date ?? "1E6A";
  return `DC04${fields.caId ?? "FR99"}${fields.certId ?? "TST9"}${date}${date}${fields.type ?? "B2"}${fields.perimeter ?? "01"}${fields.country ?? "FR"}`;
}

/** A specimen B2 message (invented identity), with real GS separators. */
export const SPECIMEN_B2_MESSAGE = "F0MARIE/ANNE\x1dF1SPECIMEN\x1dF201011970F3FF4945006\x1dF5NF6010620211030";
/** A specimen L1 message (invented identity), with real GS separators. */
export const SPECIMEN_L1_MESSAGE =
  "L0SPECIMEN\x1dL1MARIE\x1dL201011970L3COVID-19\x1dL4J07BX03\x1dL5COMIRNATY PFIZER/BIONTECH\x1dL6COMIRNATY PFIZER/BIONTECH\x1dL72L82L901062021LATE";
