// `dcc-converter hsm init [--dir DIR] [--refresh]` (README.md, "Command line"): creates or refreshes the development
// SoftHSM token. Prints paths and kids (public information), never the PIN.
import type { Command } from "commander";
import { createDevToken } from "./hsm-init/create.js";
import type { DevTokenReport } from "./hsm-init/create.js";
import { CERTIFICATE_TYPE_NAMES } from "../dcc/types.js";
import { EXIT } from "./exit.js";

export function registerHsm(program: Command): void {
  const hsm = program.command("hsm").description("development HSM (SoftHSM2) tools");
  hsm
    .command("init")
    .description("create or refresh the development SoftHSM token, its keys and certificates")
    .option("--dir <dir>", "directory of the development token", ".softhsm")
    .option("--refresh", "re-issue the certificates (or rebuild a broken token)", false)
    .action(async (options: { dir: string; refresh: boolean }) => {
      try {
        printReport(await createDevToken(options.dir, { refresh: options.refresh }));
      } catch (error) {
        // Messages from softhsm2-util or the module carry no secret; the PIN is never in them.
        process.stderr.write(`hsm init: ${error instanceof Error ? error.message : "failed"}\n`);
        process.exitCode = EXIT.usage;
      }
    });
}

function printReport(report: DevTokenReport): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (report.files === undefined) {
    out(`hsm init: development token unchanged (${report.confPath}); use --refresh to re-issue certificates`);
    return;
  }
  out(`hsm init: development token ${report.action}`);
  out(`  SOFTHSM2_CONF   ${report.confPath}`);
  out(`  PIN file        ${report.pinPath} (mode 0600)`);
  out(`  CSCA            ${report.files.cscaPath}`);
  for (const dsc of report.files.dscs) {
    out(`  DSC ${CERTIFICATE_TYPE_NAMES[dsc.type].padEnd(12)}${dsc.path}  kid ${dsc.kid}`);
  }
  out(`  DCC_SIGNERS     ${report.files.signersPath}`);
  out(`  TAC v2 keys     ${report.files.tacKeysPath}`);
  out(`  UVCI key URI    ${report.files.uvciKeyPath}`);
  out(`  Upload signer   ${report.files.uploadSignerPath} (REVOCATION_UPLOAD_SIGNER)`);
  out(`  ICAO signers    ${report.files.icaoSignersPath} (ICAO_SIGNERS)`);
  out(`  ICAO CSCA       ${report.files.icaoCscaPath} (ICAO_CSCA)`);
}
