// Starts the REAL service (real PKCS#11 on the development SoftHSM token, real HTTP on an ephemeral
// port) with its log lines captured, for integration and acceptance tests. Every answer is checked against
// the API description (openapi-validator.ts): closing the service fails when one did not match.
import { X509Certificate } from "node:crypto";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logging.js";
import { startService, type RunningService } from "../../src/server.js";
import { watchAnswers } from "./openapi-validator.js";

export interface TestService extends RunningService {
  /** Every log line written so far (raw JSON text). */
  readonly logs: string[];
  /** The first log line, written so far or from now on, that `matches` (an event to await instead of a sleep). */
  logged(matches: (line: string) => boolean): Promise<string>;
}

export async function startTestService(env: Record<string, string | undefined> = {}): Promise<TestService> {
  const logs: string[] = [];
  const waiting = new Set<(line: string) => void>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const lines = chunk
        .toString("utf8")
        .split("\n")
        .filter((line) => line !== "");
      logs.push(...lines);
      for (const line of lines) for (const deliver of waiting) deliver(line);
      callback();
    },
  });
  const logged = (matches: (line: string) => boolean) => {
    const found = logs.find(matches);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<string>((resolve) => {
      const deliver = (line: string) => {
        if (!matches(line)) return;
        waiting.delete(deliver);
        resolve(line);
      };
      waiting.add(deliver);
    });
  };
  const config = loadConfig({ ...process.env, PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "debug", ...env });
  const service = await startService(config, createLogger(config.logLevel, sink));
  const answers = watchAnswers(service.server);
  const closeService = service.close.bind(service);
  const close = async () => {
    await closeService();
    const violations = answers.violations();
    if (violations.length > 0) throw new Error(`answers that do not match assets/openapi.json:\n${violations.join("\n")}`);
  };
  return Object.assign(service, { logs, logged, close });
}

/** The DSC certificates a running service publishes at GET /v1/signers, to verify the HC1 it answers. */
export async function signerCertificates(url: string): Promise<X509Certificate[]> {
  const response = await fetch(`${url}/v1/signers`);
  if (response.status !== 200) throw new Error(`GET /v1/signers answered ${response.status}`);
  const signers = (await response.json()) as Array<{ certificate: string }>;
  return signers.map((signer) => new X509Certificate(signer.certificate));
}
