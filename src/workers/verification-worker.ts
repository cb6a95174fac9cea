// A verification worker thread (VERIFICATION_WORKERS, docs/verification.md "Inside"): runs the verification core
// (src/verification/verify-barcode.ts) so that the verifier's main thread only serves HTTP. It opens and watches its
// own trust lists and rule sets from the VerificationWorkerConfig it is given (file paths only), and checks the
// revocation list the main thread shares with it. A refusal crosses as its code and field only (thread-server.ts).
import { parentPort, workerData } from "node:worker_threads";
import { systemClock } from "../convert.js";
import { createSharedRevocationCheck, type SharedListStores } from "../revocation/revocation-list.js";
import type { Verification, VerificationDeps, VerificationRequest } from "../verification/types.js";
import { verifyBarcode } from "../verification/verify-barcode.js";
import { openSources, watchSources } from "../verifier/sources.js";
import { loadPreparationData } from "./conversion-pool.js";
import type { VerificationWorkerConfig } from "./verification-pool.js";
import { refuseToStart, serveRequests } from "./thread-server.js";

const config = workerData as VerificationWorkerConfig;
/** The state in force once the sources are open; the requests that come before wait for it. */
let current: (() => VerificationDeps) | undefined;

async function openDeps(): Promise<() => VerificationDeps> {
  const revocations = createSharedRevocationCheck();
  parentPort?.on("message", (message: { revocations: SharedListStores } | readonly unknown[]) => {
    if ("revocations" in message) revocations.replace(message.revocations);
  });
  const preparation = { ...config, trustBundleFile: undefined, issuers: { v: "", t: "", r: "" }, positiveTest: "recovery" } as const;
  const { valueSets, tables } = loadPreparationData(preparation);
  const sources = await openSources(config);
  // The main thread logs and counts each reload; a worker reads the same files and reaches the same verdict.
  watchSources(sources, () => ({ loaded: () => undefined, refused: () => undefined }));
  return () => ({
    twoddocTrust: sources.twoddocTrust.current(), dccTrust: sources.dccTrust.current(), ruleSets: sources.ruleSets.current(),
    revocations, tables, valueSets, clock: systemClock,
  });
}

const opened = openDeps();
opened.then((deps) => { current = deps; }, (error: unknown) => refuseToStart(error, "ERR_INTERNAL"));
serveRequests<VerificationRequest, Verification>(
  (request) => (current === undefined ? opened.then((deps) => verifyBarcode(request, deps())) : verifyBarcode(request, current())),
  "ERR_INTERNAL",
);
