// A production configuration (NODE_ENV=production, every secret given) pointing at the development
// SoftHSM token, for tests of what production alone does. One API client with every scope.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { hashApiKey } from "../../src/http/auth.js";

const DEV = fileURLToPath(new URL("../../.softhsm/", import.meta.url));

export function productionEnv(): { env: Record<string, string>; apiKey: string } {
  const apiKey = randomBytes(32).toString("base64url");
  const keysFile = join(mkdtempSync(join(tmpdir(), "dcc-production-")), "api-keys.json");
  writeFileSync(keysFile, JSON.stringify([{ name: "test-client", keyHash: hashApiKey(apiKey), scopes: ["convert", "batch", "issue"] }]));
  const env = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PKCS11_MODULE: "/usr/lib/softhsm/libsofthsm2.so",
    PKCS11_PIN_FILE: join(DEV, "pin"),
    SOFTHSM2_CONF: process.env["SOFTHSM2_CONF"] ?? join(DEV, "softhsm2.conf"),
    DCC_SIGNERS: join(DEV, "signers.json"),
    UVCI_KEY: readFileSync(join(DEV, "uvci-key.uri"), "utf8").trim(),
    TAC_KEYS: join(DEV, "tac-keys.json"),
    API_KEYS_FILE: keysFile,
  };
  return { env, apiKey };
}
