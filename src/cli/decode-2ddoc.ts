// `dcc-converter decode-2ddoc [DOC]` (README.md "Command line"): decodes a 2D-DOC in any accepted input form and
// prints its header, fields and signature status as JSON, without converting. Exit 0 only when the
// signature is valid, 1 when it is refused, 2 when the input cannot be decoded or the configuration
// is wrong (then `{"error": {"code"}}` on stderr, never a value from the input).
import type { Command } from "commander";
import { isConverterError } from "../errors.js";
import { decode2DDoc } from "../twoddoc/decode.js";
import { defaultTrustBundle, loadTrustStore, readTrustBundle } from "../twoddoc/trust-store.js";
import type { DecodedDocument } from "../twoddoc/decode.js";
import type { TrustStore } from "../twoddoc/types.js";
import { printLine } from "./outputs.js";
import { EXIT, readArgumentOrStdin, refusalLine } from "./exit.js";

interface DecodeOptions {
  readonly trustBundle?: string;
}

function loadTrust(option: string | undefined): TrustStore {
  const path = option ?? process.env["TWODDOC_TRUST_BUNDLE"];
  return loadTrustStore(path === undefined || path === "" ? defaultTrustBundle() : readTrustBundle(path));
}

/** The JSON shape of README.md "Command line" (the header without its internal `length`). */
export function describeDecoded({ document, signature }: DecodedDocument): object {
  const { version, caId, certId, issueDate, signatureDate, documentType, perimeter, country } = document.header;
  return {
    header: { version, caId, certId, issueDate, signatureDate, documentType, perimeter, country },
    fields: document.fields,
    signature: { status: signature },
  };
}

async function runDecode(argument: string | undefined, options: DecodeOptions): Promise<void> {
  try {
    const trust = loadTrust(options.trustBundle);
    const decoded = decode2DDoc(await readArgumentOrStdin(argument), trust);
    await printLine(JSON.stringify(describeDecoded(decoded)));
    process.exitCode = decoded.signature === "valid" ? EXIT.ok : EXIT.refused;
  } catch (error) {
    if (!isConverterError(error)) throw error;
    process.stderr.write(refusalLine(error.code, error.field));
    process.exitCode = EXIT.usage;
  }
}

export function registerDecode2DDoc(program: Command): void {
  program
    .command("decode-2ddoc")
    .description("decode a 2D-DOC (argument or stdin) and check its signature, without converting")
    .argument("[DOC]", "the 2D-DOC in any accepted form (raw, <GS> tokens, percent-encoded, deep link)")
    .option(
      "--trust-bundle <FILE>",
      "PEM bundle of 2D-DOC signing certificates (default: $TWODDOC_TRUST_BUNDLE, else the bundled French list)",
    )
    .action(runDecode);
}
