// Where verifications run (docs/verification.md "Inside"): VERIFICATION_WORKERS worker threads through the one thread
// client (thread-client.ts), or the calling thread when it is 0. Each worker is given file paths only and the
// revocation list in force, in shared memory, at start and after every reload (as the conversion workers are).
import { Worker } from "node:worker_threads";
import type { RevocationList } from "../revocation/list-in-force.js";
import type { Verification, VerificationDeps, VerificationRequest } from "../verification/types.js";
import { verifyBarcode } from "../verification/verify-barcode.js";
import type { VerifierConfig } from "../verifier/config.js";
import { createThreadClient, workerScript } from "./thread-client.js";

/** What a verification worker is given (workerData): where to read its trust lists, rules and tables. */
export type VerificationWorkerConfig = Pick<VerifierConfig, "trustBundleFile" | "dccTrustList" | "icaoCscaFile" | "rulesDir" | "mappingsDir">;

export interface VerificationPool {
  verify(request: VerificationRequest): Promise<Verification>;
  close(): Promise<void>;
}

export function createVerificationPool(
  config: VerifierConfig, revocations: RevocationList, inline: () => VerificationDeps,
): VerificationPool {
  if (config.verificationWorkers === 0) {
    return { verify: async (request) => verifyBarcode(request, inline()), close: async () => undefined };
  }
  const { trustBundleFile, dccTrustList, icaoCscaFile, rulesDir, mappingsDir } = config;
  const workerConfig: VerificationWorkerConfig = { trustBundleFile, dccTrustList: { ...dccTrustList }, icaoCscaFile, rulesDir, mappingsDir };
  const start = () => {
    const { script, options } = workerScript(import.meta.url, "verification-worker", workerConfig);
    const worker = new Worker(script, options);
    const unsubscribe = revocations.share((stores) => worker.postMessage({ revocations: stores }));
    worker.once("exit", unsubscribe);
    return worker;
  };
  const client = createThreadClient<VerificationRequest, Verification>({
    name: "workers", start, size: config.verificationWorkers, maxPending: config.verificationQueueMax, lostCode: "ERR_INTERNAL", chunk: 16,
  });
  return { verify: (request) => client.call(request), close: () => client.close() };
}
