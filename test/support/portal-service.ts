// The REAL verifier (`dcc-converter verifier`: real HTTP on an ephemeral port, the bundled rule sets, the bundled
// French 2D-DOC trust list) with the border portal on, for the browser tests. The verifier's clock stands at
// `validationTime` (an injected clock, as the service's tests do), so verifications run on the main thread
// (VERIFICATION_WORKERS=0: a worker reads its own clock); sessions and failed logins keep the wall clock.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createLogger } from "../../src/logging.js";
import { writeAgent } from "../../src/portal/agents-file.js";
import { hashPassword } from "../../src/portal/password-hash.js";
import { loadVerifierConfig } from "../../src/verifier/config.js";
import { startVerifier } from "../../src/verifier/server.js";

export interface PortalService {
  readonly url: string;
  /** Every log line written so far (raw JSON text). */
  readonly logs: string[];
  addAgent(id: string, password: string): Promise<void>;
  close(): Promise<void>;
}

export interface PortalServiceOptions {
  /** PORTAL_ALLOWED_CIDRS. */
  readonly allowed: string;
  readonly clearSeconds: number;
  /** The verifier's clock (ISO 8601). */
  readonly validationTime: string;
  readonly env?: Readonly<Record<string, string>>;
}

export async function startPortalService(options: PortalServiceOptions): Promise<PortalService> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(
        ...chunk
          .toString("utf8")
          .split("\n")
          .filter((line) => line !== ""),
      );
      callback();
    },
  });
  const agentsFile = join(mkdtempSync(join(tmpdir(), "portal-agents-")), "agents");
  writeFileSync(agentsFile, "", { mode: 0o600 });
  const config = loadVerifierConfig({
    ...process.env,
    PORT: "0",
    OPS_PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    TRUST_PROXY: "",
    API_KEYS_FILE: "",
    PORTAL_ALLOWED_CIDRS: options.allowed,
    PORTAL_AGENTS_FILE: agentsFile,
    PORTAL_CLEAR_SECONDS: String(options.clearSeconds),
    VERIFICATION_WORKERS: "0",
    ...options.env,
  });
  const at = new Date(options.validationTime);
  const service = await startVerifier(config, createLogger(config.logLevel, sink), () => at);
  return {
    url: service.url,
    logs,
    async addAgent(id, password) {
      writeAgent(agentsFile, id, await hashPassword(password));
    },
    close: () => service.close(),
  };
}
