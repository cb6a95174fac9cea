// The same service deps served twice, for tests that compare the two HTTP paths (src/http/hot-path.ts): `hot` is
// what the public port serves (the hot path in front of express), `express` the express app alone, which mounts
// the same route handlers. The converter (real PKCS#11 on the development token) or the verifier (its real sources
// and verification workers); real HTTP on ephemeral ports; each listener has its own log sink and metrics registry,
// and every answer of both is checked against the service's API description.
import { createServer, request, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createApp, createRequestListener } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { buildServiceDeps, releaseServiceDeps } from "../../src/deps.js";
import type { AppDeps } from "../../src/http/deps.js";
import { createLogger, type Logger } from "../../src/logging.js";
import { createMetrics, createVerifierMetrics, type Metrics, type VerifierMetrics } from "../../src/metrics.js";
import { createVerifierApp, createVerifierRequestListener } from "../../src/verifier/app.js";
import { loadVerifierConfig } from "../../src/verifier/config.js";
import { verifierAppDeps } from "../../src/verifier/server.js";
import { buildVerifierDeps } from "../../src/verifier/verifier-deps.js";
import { createVerificationPool } from "../../src/workers/verification-pool.js";
import { checkExchange, checkVerifierExchange, watchAnswers, type Exchange } from "./openapi-validator.js";

export interface PathUnderTest<M = Metrics> {
  readonly name: "hot" | "express";
  readonly url: string;
  readonly logs: string[];
  readonly metrics: M;
}

export interface TwoPaths<M = Metrics> {
  readonly hot: PathUnderTest<M>;
  readonly express: PathUnderTest<M>;
  /** What SIGTERM does to the requests after the delay (src/shutdown.ts): the service starts draining. */
  startDraining(): void;
  close(): Promise<void>;
}

export interface Answer {
  readonly status: number;
  /** Raw header names (lower case) and values, in the order sent. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

async function open(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** How one service is served twice: its listener per path, its metrics registry, its API description, its release. */
interface ServedTwice<M> {
  readonly listenerOf: (name: "hot" | "express", parts: { logger: Logger; metrics: M; stopping: AbortSignal }) => RequestListener;
  readonly newMetrics: () => M;
  readonly check: (exchange: Exchange) => string | undefined;
  readonly descriptionFile: string;
  readonly release: () => Promise<void>;
}

async function serveTwice<M>(service: ServedTwice<M>): Promise<TwoPaths<M>> {
  const stopping = new AbortController();
  const servers: Server[] = [];
  const checks: Array<{ violations(): string[] }> = [];
  const path = async (name: "hot" | "express"): Promise<PathUnderTest<M>> => {
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        logs.push(
          ...String(chunk)
            .split("\n")
            .filter((l) => l !== ""),
        );
        done();
      },
    });
    const metrics = service.newMetrics();
    const { server, url } = await open(
      service.listenerOf(name, { logger: createLogger("info", sink), metrics, stopping: stopping.signal }),
    );
    servers.push(server);
    checks.push(watchAnswers(server, service.check));
    return { name, url, logs, metrics };
  };
  const hot = await path("hot");
  const express = await path("express");
  return {
    hot,
    express,
    startDraining: () => stopping.abort(),
    async close() {
      for (const server of servers) await new Promise((resolve) => server.close(resolve));
      await service.release();
      const violations = checks.flatMap((check) => check.violations());
      if (violations.length > 0) throw new Error(`answers that do not match ${service.descriptionFile}:\n${violations.join("\n")}`);
    },
  };
}

/** The converter served twice, on the development token. */
export async function startTwoPaths(env: Record<string, string> = {}): Promise<TwoPaths> {
  const config = loadConfig({ ...process.env, PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  const deps = await buildServiceDeps(config);
  return serveTwice({
    listenerOf: (name, parts) => {
      const appDeps: AppDeps = { config, ...parts, ...deps };
      return name === "hot" ? createRequestListener(appDeps) : createApp(appDeps);
    },
    newMetrics: createMetrics,
    check: checkExchange,
    descriptionFile: "assets/openapi.json",
    release: () => releaseServiceDeps(deps),
  });
}

/** The verifier served twice, with one set of sources and one verification pool. */
export async function startVerifierTwoPaths(env: Record<string, string> = {}): Promise<TwoPaths<VerifierMetrics>> {
  const config = loadVerifierConfig({ ...process.env, PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  const deps = await buildVerifierDeps(config);
  const pool = createVerificationPool(config, deps.revocationList, deps.sources, () => deps.current());
  return serveTwice({
    listenerOf: (name, parts) => {
      const appDeps = verifierAppDeps(config, deps, pool, parts);
      return name === "hot" ? createVerifierRequestListener(appDeps) : createVerifierApp(appDeps);
    },
    newMetrics: createVerifierMetrics,
    check: checkVerifierExchange,
    descriptionFile: "assets/verifier-openapi.json",
    release: async () => {
      await pool.close();
      deps.close();
    },
  });
}

/** One request with exactly these headers and this body (bytes or text, or chunks sent without a declared length). */
export function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer | readonly string[],
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const pairs: Array<readonly [string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
    req.end(Array.isArray(body) ? undefined : body);
  });
}

/** The headers of an answer that do not depend on the moment or the connection. */
export function stableHeaders(answer: Answer, also: readonly string[] = []): Array<readonly [string, string]> {
  const skip = new Set(["date", ...also]);
  return answer.headers.filter(([name]) => !skip.has(name));
}
