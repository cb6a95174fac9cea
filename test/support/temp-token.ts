// A development token in a TEMPORARY directory (never .softhsm/) and the vault options that open it:
// the HSM tests each work on a token of their own.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDevToken } from "../../src/cli/hsm-init/create.js";
import { SOFTHSM_MODULE } from "../../src/cli/hsm-init/token-session.js";
import { loadSignersFile } from "../../src/hsm/signers-file.js";
import type { KeyVaultOptions } from "../../src/hsm/key-vault.js";

/** Creates the token under `dir` (its softhsm2.conf is `dir`/softhsm2.conf) and returns what opens it. */
export async function createTempToken(dir: string): Promise<KeyVaultOptions> {
  await createDevToken(dir);
  return {
    modulePath: SOFTHSM_MODULE,
    pin: readFileSync(join(dir, "pin"), "utf8").trim(),
    signers: loadSignersFile(join(dir, "signers.json")),
    uvciKeyUri: readFileSync(join(dir, "uvci-key.uri"), "utf8"),
    keyAgreementKeys: JSON.parse(readFileSync(join(dir, "tac-keys.json"), "utf8")) as Record<string, string>,
    sessionPoolSize: 2,
  };
}
