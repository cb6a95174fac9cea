// Shared by the commands that use the HSM (convert, batch, issue, revoke): configuration and dependencies as the
// service builds them, with the exit codes of the command line (README) for configuration errors.
import { loadConfig, type Config } from "../config.js";
import { buildServiceDeps, releaseServiceDeps, type ServiceDeps } from "../deps.js";
import { isConverterError, type ConverterError } from "../errors.js";
import { EXIT } from "./exit.js";

/** A configuration or file error for stderr: its code, and the field (a variable or a place) when it names one. */
export function codeAndField(error: ConverterError): string {
  return `${error.code}${error.field === undefined ? "" : ` (${error.field})`}`;
}

export async function withServiceDeps(run: (deps: ServiceDeps, config: Config) => Promise<number>): Promise<number> {
  let config: Config;
  let deps: ServiceDeps;
  try {
    config = loadConfig();
    deps = await buildServiceDeps(config);
  } catch (error) {
    if (!isConverterError(error)) throw error;
    process.stderr.write(`dcc-converter: ${codeAndField(error)}\n`);
    return EXIT.usage;
  }
  try {
    return await run(deps, config);
  } finally {
    await releaseServiceDeps(deps);
  }
}
