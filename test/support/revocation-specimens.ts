// Two signed specimen L1 documents for the revocation tests (docs/revocation.md): A and B differ only in the
// holder's invented name, so they have different data zones, UVCIs and hashes under the same test signer.
import { header04, makeTestSigner, sign2DDoc, SPECIMEN_L1_MESSAGE } from "./twoddoc-fixtures.js";
import { sha256 } from "./upload-pki.js";

export function revocationSpecimens() {
  const signer = makeTestSigner();
  const zoneA = `${header04({ type: "L1" })}${SPECIMEN_L1_MESSAGE}`;
  const zoneB = zoneA.replace("L1MARIE", "L1CLAUDE");
  return { signer, zoneA, docA: sign2DDoc(zoneA, signer.privateKey), docB: sign2DDoc(zoneB, signer.privateKey) };
}

/** The EU revocation hash of a text, computed here independently: first 128 bits of SHA-256, base64. */
export const euHash = (text: string): string => sha256(Buffer.from(text, "utf8")).subarray(0, 16).toString("base64");
