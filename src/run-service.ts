// Running a service as a process (the converter's `serve`, the verifier's `verifier`): load the configuration → start →
// serve until SIGTERM or SIGINT → shut down (src/shutdown.ts) → exit 0. A configuration that is missing or invalid is one
// line on stderr naming every variable (README.md "Configuration"), never a value, and exit code 2.
import { isConverterError, type ConverterError } from "./errors.js";
import { createLogger, describeError, type Logger } from "./logging.js";

export interface ServiceConfig {
  readonly production: boolean;
  readonly logLevel: string;
  readonly shutdownDelaySeconds: number;
}

export interface StartedService {
  shutdown(delaySeconds: number): Promise<void>;
}

export interface RunOptions<C extends ServiceConfig, S extends StartedService> {
  /** How stderr lines and the last log line name the process (`dcc-converter`, `dcc-converter verifier`). */
  readonly name: string;
  readonly load: () => C;
  readonly start: (config: C, logger: Logger) => Promise<S>;
  /** What a developer reads once it listens (not in production, where stdout carries JSON log lines only). */
  readonly banner: (service: S) => string;
}

/** The one line of a configuration error: every variable it names (ConfigError.field), never a value. */
function configurationLine(name: string, error: ConverterError): string {
  const field = error.field ?? "unknown";
  return `${name}: configuration error: ${field} ${field.includes(", ") ? "are" : "is"} missing or invalid\n`;
}

export async function runService<C extends ServiceConfig, S extends StartedService>(options: RunOptions<C, S>): Promise<number> {
  let config: C;
  try {
    config = options.load();
  } catch (error) {
    if (!isConverterError(error)) throw error;
    process.stderr.write(configurationLine(options.name, error));
    return 2;
  }
  const logger = createLogger(config.logLevel);
  let service: S;
  try {
    service = await options.start(config, logger);
  } catch (error) {
    if (isConverterError(error)) {
      // A configuration file (docs/configuration.md) is read here: its problem gets the same line as a variable's.
      const place = error.field === undefined ? "" : ` (${error.field})`;
      const cannotStart = `${options.name}: cannot start: ${error.code}${place}\n`;
      process.stderr.write(error.code === "ERR_CONFIG" ? configurationLine(options.name, error) : cannotStart);
      return 2;
    }
    logger.fatal({ err: describeError(error) }, "cannot start");
    return 2;
  }
  if (!config.production) process.stdout.write(options.banner(service));
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ event: "shutdown", signal }, "shutting down");
      service.shutdown(config.shutdownDelaySeconds).then(resolve, resolve);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  logger.info({ event: "stopped" }, `${options.name} stopped`);
  return 0;
}
