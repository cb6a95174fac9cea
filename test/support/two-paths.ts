// The same service deps served twice, for tests that compare the two HTTP paths (src/http/hot-path.ts): `hot` is
// what the public port serves (the hot path in front of express), `express` the express app alone, which mounts
// the same route handlers. The converter (real PKCS#11 on the development token) or the verifier (its real sources
// and verification workers); real HTTP on ephemeral ports; each listener has its own log sink and metrics registry,
// and every answer of both is checked against the service's API description.
import assert from "node:assert/strict";
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

/** One request's two answers: the hot path's and the express app's. */
export interface AnswerPair {
  readonly hot: Answer;
  readonly express: Answer;
}

/** Sends each request to both paths with the same x-request-id (`<prefix>-<n>`); `count()` is how many pairs went. */
export function pairSender<M>(prefix: string) {
  let pairs = 0;
  return {
    async both(paths: TwoPaths<M>, path: string, headers: Record<string, string>, body?: string | Buffer | readonly string[]) {
      pairs += 1;
      const withId = { ...headers, "x-request-id": `${prefix}-${pairs}` };
      const hot = await send(`${paths.hot.url}${path}`, "POST", withId, body);
      return { hot, express: await send(`${paths.express.url}${path}`, "POST", withId, body) } as AnswerPair;
    },
    count: () => pairs,
  };
}

/** The same status, the same headers (the moment's aside) and the same body bytes. */
export function assertSameAnswer(answers: AnswerPair, label: string): void {
  assert.equal(answers.hot.status, answers.express.status, label);
  assert.deepEqual(stableHeaders(answers.hot), stableHeaders(answers.express), label);
  assert.equal(answers.hot.body.toString("utf8"), answers.express.body.toString("utf8"), label);
}

/** Once draining, both paths answer `status` with `Connection: close`, alike. */
export function assertDrainingAlike(answers: AnswerPair, status: number): void {
  for (const answer of [answers.hot, answers.express]) {
    assert.equal(answer.status, status);
    assert.ok(answer.headers.some(([name, value]) => name === "connection" && value === "close"));
  }
  assertSameAnswer(answers, "draining");
}

/**
 * Three requests claiming three addresses in X-Forwarded-For, each on both paths, under a limit of 2 a minute: the
 * statuses must be the same on both paths, and the last answers alike; returns the statuses and the last pair.
 */
export async function claimThreeAddresses(sendPair: (headers: Record<string, string>) => Promise<AnswerPair>) {
  const statuses = { hot: [] as number[], express: [] as number[] };
  let last: AnswerPair | undefined;
  for (const claimed of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) {
    last = await sendPair({ "content-type": "application/json", "x-forwarded-for": claimed });
    statuses.hot.push(last.hot.status);
    statuses.express.push(last.express.status);
  }
  assert.deepEqual(statuses.express, statuses.hot);
  assertSameAnswer(last!, "rate limit");
  return { statuses: statuses.hot, last: last! };
}

/** The public shell's headers on an answer (src/http/security-headers.ts, the request id), and no `x-powered-by`. */
export function assertShellHeaders(answer: Answer, also: readonly string[] = []): void {
  const names = stableHeaders(answer).map(([name]) => name);
  const expected = ["content-security-policy", "strict-transport-security", "x-content-type-options", "x-frame-options", "x-request-id"];
  for (const name of [...expected, ...also]) assert.ok(names.includes(name), name);
  assert.ok(!names.includes("x-powered-by"));
}
