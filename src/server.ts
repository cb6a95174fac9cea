// load config → build deps → listen → drain on SIGTERM (style.md). One clear line and exit code 2
// when the configuration is missing or invalid (contract §3), naming the variable, never its value.
import type { Server } from "node:http";
import { loadConfig, type Config } from "./config.js";
import { isConverterError } from "./errors.js";
import { createLogger, describeError, type Logger } from "./logging.js";
import { createMetrics } from "./metrics.js";
import { buildServiceDeps } from "./deps.js";
import { createApp } from "./app.js";
import { specimenCurlExample } from "./specimen.js";

export interface RunningService {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const deps = await buildServiceDeps(config);
  const metrics = createMetrics();
  metrics.tablesInfo.set({ tables_version: deps.tablesVersion }, 1);
  if (deps.apiClients === undefined) logger.warn({ event: "api-open" }, "API_KEYS_FILE is not set: the native API is open (development only)");
  const app = createApp({ config, logger, metrics, ...deps });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  // Timeouts: slow headers and idle sockets are cut; a batch keeps its socket as long as data flows.
  server.headersTimeout = 15_000;
  server.requestTimeout = 0;
  server.setTimeout(30_000);
  server.keepAliveTimeout = 5_000;
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info({ event: "listening", url, tablesVersion: deps.tablesVersion, signers: deps.conversion.vault.signers.length }, "dcc-converter ready");
  return {
    server,
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await deps.preparer.close();
      await deps.conversion.vault.close();
    },
  };
}

export async function runServer(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (isConverterError(error)) {
      process.stderr.write(`dcc-converter: configuration error: ${error.field ?? "unknown"} is missing or invalid\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let service: RunningService;
  try {
    service = await startService(config, logger);
  } catch (error) {
    if (isConverterError(error)) {
      process.stderr.write(`dcc-converter: cannot start: ${error.code}${error.field === undefined ? "" : ` (${error.field})`}\n`);
      return 2;
    }
    logger.fatal({ err: describeError(error) }, "cannot start");
    return 2;
  }
  // The specimen and its curl line help a developer; in production stdout carries JSON log lines only.
  if (!config.production) process.stdout.write(`\ndcc-converter listening on ${service.url}\nTry:\n${specimenCurlExample(service.url)}\n\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ event: "draining", signal }, "finishing in-flight requests");
      service.close().then(resolve, resolve);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
  logger.info({ event: "stopped" }, "dcc-converter stopped");
  return 0;
}
