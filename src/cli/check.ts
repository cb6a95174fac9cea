// `dcc-converter check [BARCODE]` (docs/verification.md): the verification service's check on the command line, with the same
// configuration as `dcc-converter verifier` (trust lists, rules, revocation list). JSON out; exit 0 only when valid,
// 1 when invalid or undetermined, 2 for a usage or configuration error or a barcode that cannot be decoded (then
// `{"error": {"code", "field"}}` on stderr, never a value from the input).
import type { Command } from "commander";
import { isConverterError, RequestError } from "../errors.js";
import { verifyBarcode } from "../verification/verify-barcode.js";
import type { Detail } from "../verification/types.js";
import { loadVerifierConfig } from "../verifier/config.js";
import { buildVerifierDeps } from "../verifier/verifier-deps.js";
import { EXIT, readArgumentOrStdin, refusalLine } from "./exit.js";
import { printLine } from "./outputs.js";

interface CheckOptions {
  readonly rules?: string;
  readonly detail?: string;
  readonly validationTime?: string;
}

function readDetail(option: string | undefined): Detail | undefined {
  if (option === undefined || option === "lite" || option === "full") return option;
  throw new RequestError("ERR_REQUEST_MALFORMED", { field: "--detail" });
}

function readTime(option: string | undefined, allowed: boolean): Date | undefined {
  if (option === undefined) return undefined;
  const time = new Date(option);
  if (!allowed || Number.isNaN(time.getTime())) throw new RequestError("ERR_VALIDATION_TIME", { field: "--validation-time" });
  return time;
}

async function runCheck(argument: string | undefined, options: CheckOptions): Promise<void> {
  let deps: Awaited<ReturnType<typeof buildVerifierDeps>> | undefined;
  try {
    const config = loadVerifierConfig();
    const detail = readDetail(options.detail);
    const validationTime = readTime(options.validationTime, config.validationTimeAllowed);
    deps = await buildVerifierDeps(config);
    const barcode = await readArgumentOrStdin(argument);
    const result = verifyBarcode(
      {
        barcode,
        ...(options.rules === undefined ? {} : { ruleSet: options.rules }),
        ...(detail === undefined ? {} : { detail }),
        ...(validationTime === undefined ? {} : { validationTime }),
      },
      deps.current(),
    );
    await printLine(JSON.stringify(result));
    process.exitCode = result.decision === "valid" ? EXIT.ok : EXIT.refused;
  } catch (error) {
    if (!isConverterError(error)) throw error;
    process.stderr.write(refusalLine(error.code, error.field));
    process.exitCode = EXIT.usage;
  } finally {
    deps?.close();
  }
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("verify a barcode (2D-DOC, HC1: or VDS-NC seal, argument or stdin) against the trust lists and a rule set; JSON out")
    .argument("[BARCODE]", "the barcode text")
    .option("--rules <id>", "the rule set (default: activity)")
    .option("--detail <level>", "lite (default) or full: every field of the certificate")
    .option("--validation-time <iso>", "the validation time, ISO 8601 (outside production only; default: now)")
    .action(runCheck);
}
