// Starts the REAL verifier (`dcc-converter verifier`: real HTTP on ephemeral ports, real files) with its log lines
// captured, every answer checked against assets/verifier-openapi.json (closing fails when one did not match); `nextLog` awaits a log line (a reload, say) instead of sleeping.
import { Writable } from "node:stream";
import { createLogger } from "../../src/logging.js";
import { loadVerifierConfig } from "../../src/verifier/config.js";
import { startVerifier, type RunningVerifier } from "../../src/verifier/server.js";
import { checkVerifierExchange, watchAnswers } from "./openapi-validator.js";

export interface TestVerifier extends RunningVerifier {
  readonly logs: string[];
  /** Resolves with the first line, from now on, that `matches`. */
  nextLog(matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export async function startTestVerifier(env: Record<string, string | undefined> = {}): Promise<TestVerifier> {
  const logs: string[] = [];
  const waiting = new Set<(line: Record<string, unknown>) => void>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk
        .toString("utf8")
        .split("\n")
        .filter((text) => text !== "")) {
        logs.push(line);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        for (const waiter of waiting) waiter(parsed);
      }
      callback();
    },
  });
  const config = loadVerifierConfig({ ...process.env, PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "debug", ...env });
  const service = await startVerifier(config, createLogger(config.logLevel, sink));
  const answers = watchAnswers(service.server, checkVerifierExchange);
  const closeService = service.close.bind(service);
  const close = async () => {
    await closeService();
    const violations = answers.violations();
    if (violations.length > 0) throw new Error(`answers that do not match assets/verifier-openapi.json:\n${violations.join("\n")}`);
  };
  const nextLog = (matches: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const waiter = (line: Record<string, unknown>) => {
        if (!matches(line)) return;
        waiting.delete(waiter);
        resolve(line);
      };
      waiting.add(waiter);
    });
  return Object.assign(service, { logs, nextLog, close });
}

export async function postVerification(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${url}/v1/verifications`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
