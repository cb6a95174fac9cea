// Where verifications run (docs/verification.md "Inside"): VERIFICATION_WORKERS worker threads through the one thread
// client (thread-client.ts), or the calling thread when it is 0. Each worker is given what the main thread's sources
// read (trust lists and rule files, src/verifier/sources.ts) and the revocation list in force, in shared memory, at
// start and after every reload (as the conversion workers are): a worker reads no reloaded file itself.
import { Worker } from "node:worker_threads";
import type { RevocationList } from "../revocation/list-in-force.js";
import type { SharedListStores } from "../revocation/revocation-list.js";
import type { Verification, VerificationDeps, VerificationRequest } from "../verification/types.js";
import { verifyBarcode } from "../verification/verify-barcode.js";
import type { VerifierConfig } from "../verifier/config.js";
import { shareSources, sourceRaws, type SourceName, type SourceRaws, type VerifierSources } from "../verifier/sources.js";
import { createThreadClient, workerScript } from "./thread-client.js";

/** What a verification worker is given (workerData): its configuration and the sources' bytes in force. */
export type VerificationWorkerConfig = Pick<
  VerifierConfig,
  "trustBundleFile" | "dccTrustList" | "icaoCscaFile" | "rulesDir" | "mappingsDir"
> & {
  readonly raws: SourceRaws;
};

export interface VerificationPool {
  verify(request: VerificationRequest): Promise<Verification>;
  close(): Promise<void>;
}

export function createVerificationPool(
  config: VerifierConfig,
  revocations: RevocationList,
  sources: VerifierSources,
  inline: () => VerificationDeps,
): VerificationPool {
  if (config.verificationWorkers === 0) {
    return { verify: async (request) => verifyBarcode(request, inline()), close: async () => undefined };
  }
  const { trustBundleFile, dccTrustList, icaoCscaFile, rulesDir, mappingsDir } = config;
  const start = () => {
    const raws = sourceRaws(sources);
    const workerConfig: VerificationWorkerConfig = {
      trustBundleFile,
      dccTrustList: { ...dccTrustList },
      icaoCscaFile,
      rulesDir,
      mappingsDir,
      raws,
    };
    const { script, options } = workerScript(import.meta.url, "verification-worker", workerConfig);
    const worker = new Worker(script, options);
    const unsubscribes = [
      revocations.share((stores) => worker.postMessage({ revocations: stores })),
      shareSources(sources, (source, raw) => worker.postMessage({ source, raw })),
    ];
    worker.once("exit", () => unsubscribes.forEach((unsubscribe) => unsubscribe()));
    return worker;
  };
  const client = createThreadClient<VerificationRequest, Verification>({
    name: "workers",
    start,
    size: config.verificationWorkers,
    maxPending: config.verificationQueueMax,
    lostCode: "ERR_INTERNAL",
    chunk: 16,
  });
  return { verify: (request) => client.call(request), close: () => client.close() };
}

/** What the pool posts to a worker after a swap: the revocation stores, or a source's new bytes. */
export type VerificationWorkerMessage = { readonly revocations: SharedListStores } | { readonly source: SourceName; readonly raw: unknown };
