// load config → build deps → listen → drain on SIGTERM (src/shutdown.ts). One clear line and exit code 2
// when the configuration is missing or invalid (README.md "Configuration"), naming the variable, never its value.
import type { Server } from "node:http";
import { loadConfig, type Config } from "./config.js";
import type { Logger } from "./logging.js";
import { runService } from "./run-service.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { buildServiceDeps, releaseServiceDeps } from "./deps.js";
import { createRequestListener } from "./app.js";
import { createOpsApp } from "./ops/app.js";
import { createReadiness } from "./ops/readiness.js";
import { listen } from "./http/listen.js";
import { shutDown } from "./shutdown.js";
import { specimenCurlExample } from "./specimen.js";
import { watchRevocationList } from "./revocation/watch-revocation-list.js";

export interface RunningService {
  readonly server: Server;
  readonly url: string;
  /** The operations listener: /healthz, /readyz, /metrics (OPS_PORT). */
  readonly opsServer: Server;
  readonly opsUrl: string;
  /** Readiness off now, serve `delaySeconds` more, drain, close the operations listener last (src/shutdown.ts). */
  shutdown(delaySeconds: number): Promise<void>;
  /** The same without the delay. */
  close(): Promise<void>;
}

/** Each HSM availability transition, logged and counted (no content: the direction only). */
export function reportHsmAvailability(logger: Logger, metrics: Metrics): (available: boolean) => void {
  return (available) => {
    const to = available ? "available" : "unavailable";
    metrics.hsmAvailabilityChanges.inc({ to });
    metrics.hsmAvailable.set(available ? 1 : 0);
    if (available) logger.info({ event: "hsm-availability", to }, "the HSM is available again");
    else logger.warn({ event: "hsm-availability", to }, "the HSM is unavailable; reconnecting");
  };
}

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  const metrics = createMetrics();
  const deps = await buildServiceDeps(config, undefined, reportHsmAvailability(logger, metrics));
  metrics.tablesInfo.set({ tables_version: deps.tablesVersion }, 1);
  watchRevocationList(deps.revocationList, logger, metrics);
  if (deps.apiClients === undefined)
    logger.warn({ event: "api-open" }, "API_KEYS_FILE is not set: the native API is open (development only)");
  const { vault } = deps.conversion;
  const release = () => releaseServiceDeps(deps);
  const stopping = new AbortController();
  const readiness = createReadiness({
    probe: () => vault.probe(),
    cacheSeconds: config.readinessCacheSeconds,
    onProbe: (ready) => metrics.readinessProbes.inc({ outcome: ready ? "ready" : "unavailable" }),
  });
  const opened: Server[] = [];
  try {
    const opsDeps = { logger, metrics, readiness, hsm: vault, signerCount: vault.signers.length, tablesVersion: deps.tablesVersion };
    const ops = await listen(createOpsApp(opsDeps), config.opsPort, config.host);
    opened.push(ops.server);
    const main = await listen(
      createRequestListener({ config, logger, metrics, ...deps, stopping: stopping.signal }),
      config.port,
      config.host,
    );
    logger.info(
      { event: "listening", url: main.url, opsUrl: ops.url, tablesVersion: deps.tablesVersion, signers: vault.signers.length },
      "dcc-converter ready",
    );
    let stopped: Promise<void> | undefined;
    const shutdown = (delaySeconds: number) => {
      stopped ??= shutDown({ logger, readiness, stopping, server: main.server, opsServer: ops.server, release }, delaySeconds);
      return stopped;
    };
    return { server: main.server, url: main.url, opsServer: ops.server, opsUrl: ops.url, shutdown, close: () => shutdown(0) };
  } catch (error) {
    for (const server of opened) server.close();
    await release();
    throw error;
  }
}

export async function runServer(): Promise<number> {
  return runService({
    name: "dcc-converter",
    load: () => loadConfig(),
    start: startService,
    // The specimen and its curl line help a developer.
    banner: (service) =>
      `\ndcc-converter listening on ${service.url}\noperations (/healthz, /readyz, /metrics) on ${service.opsUrl}\n` +
      `Try:\n${specimenCurlExample(service.url)}\n` +
      `\nThe verification service (POST /v1/verifications, README "The verification service"): npm run verifier\n\n`,
  });
}
