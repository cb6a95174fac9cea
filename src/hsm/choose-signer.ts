// Which DSC signs a certificate type at a given time. Key rotation (dcc.md §7: a DSC's key is used for
// about six months while the certificate stays valid two years): a new DSC is listed in DCC_SIGNERS
// beside the old one; from its notBefore the newest valid DSC signs, and the old one stays published in
// GET /v1/signers so verifiers keep trusting what it signed. The choice never depends on file order.
import type { CertificateType } from "../dcc/types.js";
import { DccError } from "../errors.js";
import type { DccSigner } from "./types.js";

export function chooseSigner(signers: readonly DccSigner[], type: CertificateType, at: Date): DccSigner {
  let chosen: DccSigner | undefined;
  for (const signer of signers) {
    if (!signer.types.includes(type) || signer.notBefore > at || signer.notAfter <= at) continue;
    // Newest notBefore wins; the kid breaks a tie so the choice is the same whatever the order.
    if (chosen === undefined || signer.notBefore > chosen.notBefore
      || (signer.notBefore.getTime() === chosen.notBefore.getTime() && Buffer.compare(signer.kid, chosen.kid) > 0)) {
      chosen = signer;
    }
  }
  if (chosen === undefined) throw new DccError("ERR_DCC_NO_SIGNER", { field: type });
  return chosen;
}
