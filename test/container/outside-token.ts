// What an operator hands the production image, prepared on the host (docs/operations.md "Production
// settings"): a SoftHSM token made by the development token builder, the PKCS#11 module and the library it
// needs as a vendor's client directory, the PIN and the API clients file as secret files. The container
// sees them only through read-only bind mounts; uid 10001 (the image's user) owns the token files, which
// SoftHSM opens for writing.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import type { GenericContainer } from "testcontainers";
import { hashApiKey } from "../../src/http/auth.js";

type BindMount = Parameters<GenericContainer["withBindMounts"]>[0][number];

const ROOT = resolve(import.meta.dirname, "../..");
const IMAGE_USER = 10001;
const MODULE = "/usr/lib/softhsm/libsofthsm2.so";

export interface OutsideToken {
  /** Bind mounts: the token at /hsm-token, the module directory at /opt/hsm/lib, secrets under /run/secrets. */
  readonly mounts: BindMount[];
  /** The production environment pointing at them (PKCS11_PIN_FILE and API_KEYS_FILE included). */
  readonly environment: Record<string, string>;
  /** An API key with the `convert` scope. */
  readonly apiKey: string;
}

function ownRecursively(path: string): void {
  chownSync(path, IMAGE_USER, IMAGE_USER);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) ownRecursively(join(path, entry));
}

/** The shared libraries the module links that a minimal image may lack (ldd), beside the module itself. */
function moduleLibraries(): string[] {
  const ldd = execFileSync("ldd", [MODULE], { encoding: "utf8" });
  return [...ldd.matchAll(/=> (\/\S+\/(libcrypto\.so\.\d+))/g)].map((match) => match[1]!);
}

export function prepareOutsideToken(): OutsideToken {
  const dir = mkdtempSync(join(tmpdir(), "dcc-outside-token-"));
  const token = join(dir, "token");
  execFileSync(process.execPath, [join(ROOT, "bin/dcc-converter.mjs"), "hsm", "init", "--dir", token], { stdio: "ignore" });
  writeFileSync(
    join(token, "softhsm2-container.conf"),
    "directories.tokendir = /hsm-token/tokens\nobjectstore.backend = file\nlog.level = ERROR\n",
  );
  const secrets = join(dir, "secrets");
  execFileSync("mkdir", ["-p", secrets]);
  writeFileSync(join(secrets, "pin"), readFileSync(join(token, "pin")));
  const apiKey = randomBytes(32).toString("base64url");
  writeFileSync(
    join(secrets, "api-keys.json"),
    JSON.stringify([{ name: "container-suite", keyHash: hashApiKey(apiKey), scopes: ["convert"] }]),
  );
  ownRecursively(dir);
  chmodSync(dir, 0o755);
  const mounts: BindMount[] = [
    { source: token, target: "/hsm-token", mode: "rw" },
    { source: MODULE, target: "/opt/hsm/lib/libsofthsm2.so", mode: "ro" },
    ...moduleLibraries().map((library) => ({ source: library, target: `/opt/hsm/lib/${library.split("/").pop()}`, mode: "ro" as const })),
    { source: secrets, target: "/run/secrets", mode: "ro" },
  ];
  const environment = {
    NODE_ENV: "production",
    LD_LIBRARY_PATH: "/opt/hsm/lib",
    PKCS11_MODULE: "/opt/hsm/lib/libsofthsm2.so",
    SOFTHSM2_CONF: "/hsm-token/softhsm2-container.conf",
    PKCS11_PIN_FILE: "/run/secrets/pin",
    API_KEYS_FILE: "/run/secrets/api-keys.json",
    DCC_SIGNERS: "/hsm-token/signers.json",
    TAC_KEYS: "/hsm-token/tac-keys.json",
    UVCI_KEY: readFileSync(join(token, "uvci-key.uri"), "utf8").trim(),
    CONVERSION_WORKERS: "1",
  };
  return { mounts, environment, apiKey };
}
