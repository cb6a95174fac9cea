// The key vault: every port the HSM serves, as the service opens it (key-vault.ts). Each caller depends on its own
// port: signing a DCC (src/dcc/signing.ts), key agreement (src/tac/key-agreement.ts), signing an upload
// (src/revocation/upload-signer.ts), health (src/ops/hsm-health.ts). Adding an operation: docs/hsm.md.
import type { DccSigning } from "../dcc/signing.js";
import type { HsmHealth } from "../ops/hsm-health.js";
import type { UploadSigning } from "../revocation/upload-signer.js";
import type { KeyAgreement } from "../tac/key-agreement.js";

export interface KeyVault extends DccSigning, KeyAgreement, UploadSigning, HsmHealth {
  close(): Promise<void>;
}
