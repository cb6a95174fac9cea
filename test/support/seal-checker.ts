// A VDS-NC verifier written in the test from the facts of the ICAO VDS-NC specification (shared facts: the signed
// bytes are JCS of `data`, keys sorted by UTF-16 code units, no whitespace; `sigvl` raw r‖s base64url; `cer` the
// signer's DER, issued by the CSCA), sharing no code with the product's verifier (src/icao/): its own canonical
// form (enough for seals: strings, integers, objects, arrays), its own base64url reading, node:crypto for the rest.
import { X509Certificate, verify } from "node:crypto";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isInteger(value)) throw new TypeError("seals hold integers only");
  return JSON.stringify(value);
}

function fromBase64url(text: string): Buffer {
  return Buffer.from(text.replaceAll("=", "").replaceAll("-", "+").replaceAll("_", "/"), "base64");
}

export interface CheckedSeal {
  readonly signatureValid: boolean;
  readonly issuedByCsca: boolean;
  readonly signer: X509Certificate;
  readonly data: { hdr: Record<string, unknown>; msg: Record<string, unknown> };
}

export function checkSealIndependently(text: string, csca: X509Certificate): CheckedSeal {
  const seal = JSON.parse(text) as { data: CheckedSeal["data"]; sig: { alg: string; cer: string; sigvl: string } };
  if (seal.sig.alg !== "ES256") throw new Error("ES256 expected");
  const signer = new X509Certificate(fromBase64url(seal.sig.cer));
  const signature = fromBase64url(seal.sig.sigvl);
  const signatureValid =
    signature.length === 64 &&
    verify("sha256", Buffer.from(canonical(seal.data), "utf8"), { key: signer.publicKey, dsaEncoding: "ieee-p1363" }, signature);
  return { signatureValid, issuedByCsca: signer.checkIssued(csca) && signer.verify(csca.publicKey), signer, data: seal.data };
}

/** The canonical text of `data` as the independent checker computes it (the seal must carry `data` in this form). */
export const canonicalData = (data: unknown): string => canonical(data);
