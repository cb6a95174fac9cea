// `dcc-converter verifier` (docs/verification.md): load config → build deps → listen (public and operations ports) → reload
// sources on change → drain on SIGTERM (src/shutdown.ts, as the converter). No private key, no HSM.
import type { Server } from "node:http";
import { listen } from "../http/listen.js";
import type { Logger } from "../logging.js";
import { runService } from "../run-service.js";
import type { RunningService } from "../server.js";
import { createVerifierMetrics, type VerifierMetrics } from "../metrics.js";
import { createReadiness } from "../ops/readiness.js";
import { watchRevocationList } from "../revocation/watch-revocation-list.js";
import type { SourceObserver } from "../reload/watched-source.js";
import { shutDown } from "../shutdown.js";
import { createVerificationPool, type VerificationPool } from "../workers/verification-pool.js";
import { createVerifierRequestListener } from "./app.js";
import { loadVerifierConfig, type VerifierConfig } from "./config.js";
import { createVerifierOpsApp } from "./ops-app.js";
import { cachedTrustDocument } from "./trust-document.js";
import { recordVerification } from "./usage.js";
import { buildVerifierDeps, type VerifierDeps } from "./verifier-deps.js";
import type { VerifierAppDeps } from "./app-deps.js";
import { watchSources } from "./sources.js";
import { portalVerifier } from "../portal/portal-verifier.js";
import type { PortalDeps } from "../portal/portal-deps.js";
import { clientAddressOf } from "../net/client-address.js";

/** Running as the converter runs (its two listeners, shutdown and close), with its own metrics. */
export interface RunningVerifier extends RunningService {
  readonly metrics: VerifierMetrics;
}

function reloadObserver(logger: Logger, metrics: VerifierMetrics): (field: string) => SourceObserver<unknown> {
  return (source) => ({
    loaded() {
      metrics.sourceReloads.inc({ source, result: "ok" });
      logger.info({ event: "verifier-source-loaded", source }, "reloaded");
    },
    refused(place, reason) {
      metrics.sourceReloads.inc({ source, result: "failed" });
      logger.error({ event: "verifier-source-refused", source, field: place, reason }, "refused; the previous version stays in force");
    },
  });
}

/** The border portal's parts when it is configured; in development, a half configuration is said in one line. */
function portalDepsOf(
  config: VerifierConfig,
  deps: VerifierDeps,
  verify: VerifierAppDeps["verify"],
  logger: Logger,
): PortalDeps | undefined {
  const setting = config.portal;
  if (setting.portal === undefined) {
    if (setting.reason !== undefined) logger.warn({ event: "portal-off", reason: setting.reason }, "the border portal is off");
    return undefined;
  }
  return {
    config: setting.portal,
    verifier: portalVerifier(verify, () => [...deps.current().ruleSets.keys()]),
    trust: () => deps.current().twoddocTrust,
    valueSets: deps.current().valueSets,
    logger,
    clientAddress: clientAddressOf(config.trustProxy),
    now: Date.now,
  };
}

/** What the verifier's public listener is given; the parity test (hot path and express) builds two of them. */
export function verifierAppDeps(
  config: VerifierConfig,
  deps: VerifierDeps,
  pool: VerificationPool,
  service: { readonly logger: Logger; readonly metrics: VerifierMetrics; readonly stopping: AbortSignal },
): VerifierAppDeps {
  const { logger, metrics, stopping } = service;
  const verify: VerifierAppDeps["verify"] = async (request, channel) => {
    const verification = await pool.verify(request);
    recordVerification(logger, metrics, channel, verification);
    return verification;
  };
  const trustDocument = cachedTrustDocument(() => {
    const { twoddocTrust, dccTrust, icaoTrust, ruleSets } = deps.current();
    return { twoddoc: twoddocTrust, dcc: dccTrust, icao: icaoTrust, ruleSets };
  });
  const { trustProxy, validationTimeAllowed, apiPerMinute } = config;
  const portal = portalDepsOf(config, deps, verify, logger);
  return {
    config: { trustProxy, validationTimeAllowed, rateLimits: { apiPerMinute } },
    logger,
    metrics,
    apiClients: deps.apiClients,
    stopping,
    verify,
    trustDocument,
    ...(portal === undefined ? {} : { portal }),
  };
}

export async function startVerifier(config: VerifierConfig, logger: Logger, clock?: () => Date): Promise<RunningVerifier> {
  const metrics = createVerifierMetrics();
  const deps = await buildVerifierDeps(config, clock);
  watchSources(deps.sources, reloadObserver(logger, metrics));
  watchRevocationList(deps.revocationList, logger, metrics);
  if (deps.apiClients === undefined) {
    logger.warn({ event: "api-open" }, "API_KEYS_FILE is not set: the verification API is open (development only)");
  }
  const stopping = new AbortController();
  const readiness = createReadiness({ probe: async () => undefined, cacheSeconds: 0 });
  const pool = createVerificationPool(config, deps.revocationList, deps.sources, () => deps.current());
  const opened: Server[] = [];
  try {
    const ruleSets = () => [...deps.current().ruleSets.keys()];
    const ops = await listen(createVerifierOpsApp({ logger, metrics, readiness, ruleSets }), config.opsPort, config.host);
    opened.push(ops.server);
    const app = createVerifierRequestListener(verifierAppDeps(config, deps, pool, { logger, metrics, stopping: stopping.signal }));
    const main = await listen(app, config.port, config.host);
    logger.info({ event: "listening", url: main.url, opsUrl: ops.url, ruleSets: ruleSets() }, "dcc-converter verifier ready");
    let stopped: Promise<void> | undefined;
    const release = async () => {
      await pool.close();
      deps.close();
    };
    const shutdown = (delaySeconds: number) => {
      stopped ??= shutDown({ logger, readiness, stopping, server: main.server, opsServer: ops.server, release }, delaySeconds);
      return stopped;
    };
    return { server: main.server, url: main.url, opsServer: ops.server, opsUrl: ops.url, metrics, shutdown, close: () => shutdown(0) };
  } catch (error) {
    for (const server of opened) server.close();
    await pool.close();
    deps.close();
    throw error;
  }
}

export async function runVerifier(): Promise<number> {
  return runService({
    name: "dcc-converter verifier",
    load: () => loadVerifierConfig(),
    start: (config, logger) => startVerifier(config, logger),
    banner: (service) =>
      `\ndcc-converter verifier listening on ${service.url}\n` + `operations (/healthz, /readyz, /metrics) on ${service.opsUrl}\n\n`,
  });
}
