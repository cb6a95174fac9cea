// The same service deps served twice, for tests that compare the two HTTP paths (src/http/hot-path.ts): `hot` is
// what the public port serves (the hot path in front of express), `express` the express app alone, which mounts
// the same route handlers. Real PKCS#11 on the development token, real HTTP on ephemeral ports; each listener has
// its own log sink and metrics registry, and every answer of both is checked against the API description.
import { createServer, request, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createApp, createRequestListener } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { buildServiceDeps, releaseServiceDeps } from "../../src/deps.js";
import type { AppDeps } from "../../src/http/deps.js";
import { createLogger } from "../../src/logging.js";
import { createMetrics, type Metrics } from "../../src/metrics.js";
import { watchAnswers } from "./openapi-validator.js";

export interface PathUnderTest {
  readonly name: "hot" | "express";
  readonly url: string;
  readonly logs: string[];
  readonly metrics: Metrics;
}

export interface TwoPaths {
  readonly hot: PathUnderTest;
  readonly express: PathUnderTest;
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

export async function startTwoPaths(env: Record<string, string> = {}): Promise<TwoPaths> {
  const config = loadConfig({ ...process.env, PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  const deps = await buildServiceDeps(config);
  const stopping = new AbortController();
  const servers: Server[] = [];
  const checks: Array<{ violations(): string[] }> = [];
  const path = async (name: "hot" | "express"): Promise<PathUnderTest> => {
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
    const metrics = createMetrics();
    const appDeps: AppDeps = { config, logger: createLogger("info", sink), metrics, ...deps, stopping: stopping.signal };
    const { server, url } = await open(name === "hot" ? createRequestListener(appDeps) : createApp(appDeps));
    servers.push(server);
    checks.push(watchAnswers(server));
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
      await releaseServiceDeps(deps);
      const violations = checks.flatMap((check) => check.violations());
      if (violations.length > 0) throw new Error(`answers that do not match assets/openapi.json:\n${violations.join("\n")}`);
    },
  };
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
