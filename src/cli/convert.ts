// `dcc-converter convert [DOC]`: one 2D-DOC (argument or stdin) to one HC1 line on stdout;
// `--json` prints the whole result with every intermediate of the chain (hex for bytes); `--pdf FILE`
// also writes the printable certificate (src/print/) to FILE.
import type { Command } from "commander";
import { convertDocument, type DetailedConversion } from "../convert.js";
import { HTTP_STATUS, isConverterError } from "../errors.js";
import type { ServiceDeps } from "../deps.js";
import { renderCertificatePdf } from "../print/certificate-pdf.js";
import { Outputs, printLine } from "./outputs.js";
import { EXIT, readArgumentOrStdin, refusalLine } from "./exit.js";
import { withServiceDeps } from "./service-deps.js";

function toJson(conversion: DetailedConversion): string {
  const { encoded, payload: _signed, ...summary } = conversion; // the payload is among the intermediates
  const intermediates = Object.fromEntries(
    Object.entries(encoded).map(([key, value]) => [key, Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value]),
  );
  return JSON.stringify({ ...summary, intermediates }, (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value), 2);
}

/** The PDF first (whole or absent), then the line: a failed write stops with exit 2 (src/cli/outputs.ts). */
async function writeResult(conversion: DetailedConversion, options: { json?: boolean; pdf?: string }, deps: ServiceDeps): Promise<void> {
  const outputs = new Outputs();
  if (options.pdf !== undefined) {
    await outputs.writeFile(options.pdf, "FILE", await renderCertificatePdf(conversion, deps.conversion.valueSets), true);
  }
  await printLine(options.json === true ? toJson(conversion) : conversion.dcc, outputs);
}

export function registerConvert(program: Command): void {
  program
    .command("convert [doc]")
    .description("convert one 2D-DOC (argument or stdin) to an HC1 string")
    .option("--json", "print the full result with every intermediate")
    .option("--pdf <file>", "also write the printable certificate (one A4 page) to FILE")
    .action(async (doc: string | undefined, options: { json?: boolean; pdf?: string }) => {
      const input = await readArgumentOrStdin(doc);
      process.exitCode = await withServiceDeps(async (deps) => {
        try {
          const conversion = await convertDocument(input, deps.conversion);
          await writeResult(conversion, options, deps);
          return EXIT.ok;
        } catch (error) {
          if (!isConverterError(error)) throw error;
          process.stderr.write(refusalLine(error.code, error.field));
          return HTTP_STATUS[error.code] >= 500 ? EXIT.usage : EXIT.refused;
        }
      });
    });
}
