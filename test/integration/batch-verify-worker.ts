// Test helper for the batch tests: verifies DCCs with the project verifier in a worker thread, so that
// checking 100,000 outputs does not occupy the event loop of the service under test.
import { X509Certificate } from "node:crypto";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { verifyHc1 } from "../../src/dcc/verify.js";

export interface DccVerifier {
  /** Queues DCCs; `done()` resolves with how many verified and how many did not. */
  add(dccs: readonly string[]): void;
  done(): Promise<{ valid: number; invalid: number }>;
}

export function startVerifier(certificatePems: readonly string[]): DccVerifier {
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(code, { eval: true, workerData: certificatePems, execArgv: [] });
  let sent = 0;
  let valid = 0;
  let invalid = 0;
  let finish: (() => void) | undefined;
  worker.on("message", (reply: { valid: number; invalid: number }) => {
    valid += reply.valid;
    invalid += reply.invalid;
    if (finish !== undefined && valid + invalid === sent) finish();
  });
  return {
    add(dccs) {
      sent += dccs.length;
      worker.postMessage(dccs);
    },
    async done() {
      if (valid + invalid !== sent)
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
      await worker.terminate();
      return { valid, invalid };
    },
  };
}

if (!isMainThread && parentPort !== null && Array.isArray(workerData)) {
  const certificates = (workerData as string[]).map((pem) => new X509Certificate(pem));
  const port = parentPort;
  port.on("message", (dccs: string[]) => {
    const at = new Date();
    let ok = 0;
    for (const dcc of dccs) if (verifyHc1(dcc, { certificates, at }).valid) ok += 1;
    port.postMessage({ valid: ok, invalid: dccs.length - ok });
  });
}
