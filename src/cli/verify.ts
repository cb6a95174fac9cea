// `dcc-converter verify [HC1]` (README.md, "Command line"): decodes an HC1: string, checks its COSE signature against the
// certificates of a PEM bundle (`--certs FILE`; default: this service's signers from DCC_SIGNERS) and
// validates the payload; prints the stage-by-stage JSON report. Exit 0 only when valid, 1 when refused,
// 2 on usage or configuration errors (then `{"error": {"code", "field"}}` on stderr, never a value).
import { X509Certificate } from "node:crypto";
import type { Command } from "commander";
import { readConfigText } from "../config/read-file.js";
import { pemCertificateBlocks } from "../crypto/pem.js";
import { ConfigError, isConverterError } from "../errors.js";
import { verifyHc1 } from "../dcc/verify.js";
import { loadSignersFile } from "../hsm/signers-file.js";
import { signersFileOf } from "../config.js";
import { printLine } from "./outputs.js";
import { EXIT, readArgumentOrStdin, refusalLine } from "./exit.js";

interface VerifyCommandOptions {
  readonly certs?: string;
  readonly at?: string;
}

/** Every certificate of a PEM bundle; an empty or unreadable bundle is a configuration error. */
export function readCertificateBundle(pem: string, field: string): X509Certificate[] {
  const blocks = pemCertificateBlocks(pem);
  if (blocks.length === 0) throw new ConfigError("ERR_CONFIG", { field });
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field, cause });
  }
}

function loadCertificates(option: string | undefined): X509Certificate[] {
  if (option !== undefined) {
    return readCertificateBundle(readConfigText(option, "--certs"), "--certs");
  }
  // Default: this service's signers (DCC_SIGNERS, or the development token's outside production).
  const signersFile = signersFileOf();
  if (signersFile === undefined) throw new ConfigError("ERR_CONFIG", { field: "--certs" });
  return loadSignersFile(signersFile).flatMap((signer) => readCertificateBundle(signer.certificatePem, "DCC_SIGNERS"));
}

function parseAt(option: string | undefined): Date {
  if (option === undefined) return new Date();
  const at = new Date(option);
  if (Number.isNaN(at.getTime())) throw new ConfigError("ERR_CONFIG", { field: "--at" });
  return at;
}

async function runVerify(argument: string | undefined, options: VerifyCommandOptions): Promise<void> {
  try {
    const certificates = loadCertificates(options.certs);
    const at = parseAt(options.at);
    // No trimming: a space is base45 data (RFC 9285 §4); the reader already drops the final newline.
    const report = verifyHc1(await readArgumentOrStdin(argument), { certificates, at });
    await printLine(JSON.stringify(report));
    process.exitCode = report.valid ? EXIT.ok : EXIT.refused;
  } catch (error) {
    if (!isConverterError(error)) throw error;
    process.stderr.write(refusalLine(error.code, error.field));
    process.exitCode = EXIT.usage;
  }
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("decode an HC1: certificate (argument or stdin), verify its signature and validate its payload")
    .argument("[HC1]", "the HC1: string")
    .option("--certs <file>", "PEM bundle of the DSC certificates to trust (default: the signers of DCC_SIGNERS)")
    .option("--at <iso>", "verification time, ISO 8601 (default: now)")
    .action(runVerify);
}
