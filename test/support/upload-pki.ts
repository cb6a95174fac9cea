// A test PKI for revocation-batch upload signing (the NB_UP of the EU gateway): a CA and an upload certificate
// it issued, built with @peculiar/asn1-x509 on keys the test generates, and a CmsSigner that signs a SHA-256
// digest as the HSM would (EC: raw r‖s of the digest; RSA: PKCS#1 v1.5 over the DigestInfo, RFC 8017 §9.2).
import { constants, createHash, generateKeyPairSync, privateEncrypt, type KeyObject, type X509Certificate } from "node:crypto";
import { BasicConstraints, id_ce_basicConstraints, id_ce_keyUsage, KeyUsage, KeyUsageFlags } from "@peculiar/asn1-x509";
import { extension } from "../../src/cli/hsm-init/certificate-builder.js";
import type { CmsSigner } from "../../src/revocation/cms.js";
import { signDigest } from "./test-signer.js";
import { issueTestCertificate } from "./x509.js";

// RFC 8017 §9.2 note 1: the DER prefix of a SHA-256 DigestInfo.
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

function issue(subject: string, subjectKey: KeyObject, issuer: string, issuerKey: KeyObject, ca: boolean): X509Certificate {
  const extensions = ca
    ? [
        extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true })),
        extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
      ]
    : [extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature))];
  return issueTestCertificate({
    subject,
    issuer,
    publicKey: subjectKey,
    signingKey: issuerKey,
    notBefore: new Date("2021-01-01T00:00:00Z"),
    notAfter: new Date("2040-12-31T23:59:59Z"),
    extensions,
  });
}

export interface UploadPki {
  readonly caPem: string;
  readonly uploadPem: string;
  readonly signer: CmsSigner;
}

/** A CA and an upload certificate; `keyType` chooses the upload key (the CA is always P-256). */
export function makeUploadPki(keyType: "ec" | "rsa" = "ec"): UploadPki {
  const ca = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const caCertificate = issue("DCC CONVERTER TEST UPLOAD CA", ca.publicKey, "DCC CONVERTER TEST UPLOAD CA", ca.privateKey, true);
  const upload =
    keyType === "ec" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 });
  const certificate = issue("DCC CONVERTER TEST NB UP", upload.publicKey, "DCC CONVERTER TEST UPLOAD CA", ca.privateKey, false);
  const d =
    keyType === "ec" ? BigInt(`0x${Buffer.from(upload.privateKey.export({ format: "jwk" }).d ?? "", "base64url").toString("hex")}`) : 0n;
  const signer: CmsSigner = {
    certificate: certificate.raw,
    sign: async (digest) =>
      keyType === "ec"
        ? signDigest(d, Buffer.from(digest))
        : privateEncrypt({ key: upload.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest])),
  };
  return { caPem: caCertificate.toString(), uploadPem: certificate.toString(), signer };
}

export const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest();
