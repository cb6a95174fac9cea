// A verification worker thread (VERIFICATION_WORKERS, docs/verification.md "Inside"): runs the verification core
// (src/verification/verify-barcode.ts) so that the verifier's main thread only serves HTTP. Its trust lists and rule
// sets are parsed from the bytes the main thread's sources read (at start, then after every swap there: it reads no
// reloaded file itself, so a hung mount holds no thread of its own), and it checks the revocation list the main
// thread shares with it. A refusal crosses as its code and field only (thread-server.ts).
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../convert.js";
import { createSharedRevocationCheck } from "../revocation/revocation-list.js";
import type { Verification, VerificationDeps, VerificationRequest } from "../verification/types.js";
import { verifyBarcode } from "../verification/verify-barcode.js";
import { depsInForce, pushedSources } from "../verifier/sources.js";
import { loadMappingData } from "../mapping/tables.js";
import type { VerificationWorkerConfig, VerificationWorkerMessage } from "./verification-pool.js";
import { refuseToStart, serveRequests } from "./thread-server.js";

const config = workerData as VerificationWorkerConfig;
let current: (() => VerificationDeps) | undefined;
try {
  const revocations = createSharedRevocationCheck();
  const { valueSets, tables } = loadMappingData(config.mappingsDir);
  const sources = pushedSources(config, config.raws);
  parentPort?.on("message", (message: VerificationWorkerMessage | readonly unknown[]) => {
    if ("revocations" in message) revocations.replace(message.revocations);
    else if ("source" in message) sources.replace(message.source, message.raw);
  });
  current = depsInForce(sources, { revocations, tables, valueSets, clock: systemClock });
} catch (error) {
  refuseToStart(error, "ERR_INTERNAL");
}

if (current !== undefined) {
  const deps = current;
  serveRequests<VerificationRequest, Verification>((request) => verifyBarcode(request, deps()), "ERR_INTERNAL");
}
