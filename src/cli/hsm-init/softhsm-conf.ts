// A disposable SoftHSM2 home (softhsm2.conf(5)): tokens live under <dir>/tokens, never in the system
// store, and every tool and the Node process find them through SOFTHSM2_CONF.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DEV_TOKEN_LABEL = "dcc-dev";

export interface SoftHsmHome {
  readonly dir: string;
  readonly confPath: string;
  readonly tokensDir: string;
  readonly pinPath: string;
}

export function softHsmHome(dir: string): SoftHsmHome {
  return { dir, confPath: join(dir, "softhsm2.conf"), tokensDir: join(dir, "tokens"), pinPath: join(dir, "pin") };
}

export function writeSoftHsmConf(home: SoftHsmHome): void {
  mkdirSync(home.tokensDir, { recursive: true, mode: 0o700 });
  const conf = [
    "# Development/test SoftHSM2 configuration, written by `dcc-converter hsm init`.",
    `directories.tokendir = ${home.tokensDir}`,
    "objectstore.backend = file",
    "log.level = ERROR",
    "",
  ].join("\n");
  writeFileSync(home.confPath, conf, { mode: 0o600 });
}

/** Writes the user PIN file, readable by its owner only. */
export function writePin(home: SoftHsmHome, pin: string): void {
  writeFileSync(home.pinPath, `${pin}\n`, { mode: 0o600 });
  chmodSync(home.pinPath, 0o600);
}

/** softhsm2-util --init-token; the PINs travel as arguments to a child we own, never to our output. */
export function initToken(home: SoftHsmHome, label: string, soPin: string, pin: string): void {
  execFileSync("softhsm2-util", ["--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", pin], {
    env: { ...process.env, SOFTHSM2_CONF: home.confPath },
    stdio: ["ignore", "ignore", "pipe"],
  });
}
