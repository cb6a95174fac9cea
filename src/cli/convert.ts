// `dcc-converter convert [DOC]`: one 2D-DOC (argument or stdin) to one HC1 line on stdout;
// `--json` prints the whole result with every intermediate of the chain (hex for bytes); `--pdf FILE`
// also writes the printable certificate (src/print/) to FILE; `--format icao` gives an ICAO VDS-NC seal instead.
import type { Command } from "commander";
import { convertDocument, type DetailedConversion } from "../convert.js";
import { HTTP_STATUS, isConverterError } from "../errors.js";
import type { ServiceDeps } from "../deps.js";
import { renderAnswer, type PrintableAnswer } from "../print/render-answer.js";
import { parseFormat } from "../format.js";
import { convertSeal, type SealConversion } from "../icao/convert-seal.js";
import { sealBody } from "../http/conversion-response.js";
import { Outputs, printLine } from "./outputs.js";
import { EXIT, readArgumentOrStdin, refusalLine } from "./exit.js";
import { withServiceDeps } from "./service-deps.js";

function toJson(conversion: DetailedConversion): string {
  const { encoded, payload: _signed, ...summary } = conversion; // the payload is among the intermediates
  const intermediates = Object.fromEntries(
    Object.entries(encoded).map(([key, value]) => [
      key,
      Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value,
    ]),
  );
  return JSON.stringify(
    { ...summary, intermediates },
    (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value),
    2,
  );
}

interface ConvertOptions {
  readonly json?: boolean;
  readonly pdf?: string;
  readonly format: string;
}

/** The printable page of a DCC or a seal, drawn as the service draws it (src/print/render-answer.ts). */
const printedPage = (answer: PrintableAnswer, deps: ServiceDeps) => renderAnswer(answer, "application/pdf", deps.conversion.valueSets);

/** A seal: the page first (whole or absent), then its text (`--json`: the answer of contract §9 and the signed data). */
async function writeSeal(conversion: SealConversion, options: ConvertOptions, deps: ServiceDeps): Promise<void> {
  const outputs = new Outputs();
  if (options.pdf !== undefined) await outputs.writeFile(options.pdf, "FILE", await printedPage(conversion, deps), true);
  const json = () => JSON.stringify({ ...sealBody(conversion), data: conversion.data }, null, 2);
  await printLine(options.json === true ? json() : conversion.seal, outputs);
}

/** The PDF first (whole or absent), then the line: a failed write stops with exit 2 (src/cli/outputs.ts). */
async function writeResult(conversion: DetailedConversion, options: { json?: boolean; pdf?: string }, deps: ServiceDeps): Promise<void> {
  const outputs = new Outputs();
  if (options.pdf !== undefined) {
    await outputs.writeFile(options.pdf, "FILE", await printedPage(conversion, deps), true);
  }
  await printLine(options.json === true ? toJson(conversion) : conversion.dcc, outputs);
}

export function registerConvert(program: Command): void {
  program
    .command("convert [doc]")
    .description("convert one 2D-DOC (argument or stdin) to an HC1 string, or to an ICAO VDS-NC seal with --format icao")
    .option("--json", "print the full result with every intermediate")
    .option("--pdf <file>", "also write the printable certificate (one A4 page) to FILE")
    .option("--format <format>", "dcc (EU DCC) or icao (ICAO VDS-NC seal)", "dcc")
    .action(async (doc: string | undefined, options: ConvertOptions) => {
      const input = await readArgumentOrStdin(doc);
      process.exitCode = await withServiceDeps(async (deps) => {
        try {
          if (parseFormat(options.format) === "icao") {
            await writeSeal(await convertSeal(input, deps.conversion), options, deps);
            return EXIT.ok;
          }
          const conversion = await convertDocument(input, deps.conversion);
          await writeResult(conversion, options, deps);
          return EXIT.ok;
        } catch (error) {
          if (!isConverterError(error)) throw error;
          process.stderr.write(refusalLine(error.code, error.field));
          return HTTP_STATUS[error.code] >= 500 || error.code === "ERR_FORMAT" ? EXIT.usage : EXIT.refused;
        }
      });
    });
}
