// A batch worker thread: runs the pure CPU stages of a conversion (normalise → parse → verify → map,
// `prepareConversion`) so that both cores work while the main thread drives the HSM (issue 6).
// It loads its own trust store and tables from the configuration it is given (plain data, no keys:
// the HSM stays with the main thread). Messages carry chunks of documents to amortise the hand-over.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config.js";
import { prepareConversion, type PreparationDeps } from "../convert.js";
import { loadPreparationData } from "../deps.js";
import type { PrepareReply, PrepareRequest, PrepareResult } from "./prepare-protocol.js";
import { errorReply } from "./thread-errors.js";

function prepareOne(document: string, deps: PreparationDeps): PrepareResult {
  try {
    return { ok: true, prepared: prepareConversion(document, deps) };
  } catch (error) {
    return { ok: false, ...errorReply(error, "ERR_INTERNAL") }; // never a message that might hold input
  }
}

const port = parentPort;
if (port === null) throw new TypeError("prepare-worker must run in a worker thread");

let deps: PreparationDeps | undefined;
try {
  const { trust, tables, mapping } = loadPreparationData(workerData as Config);
  deps = { trust, tables, mapping };
} catch (error) {
  port.postMessage({ fatal: errorReply(error, "ERR_INTERNAL").code } satisfies PrepareReply);
}

port.on("message", (request: PrepareRequest) => {
  const loaded = deps;
  const results = loaded === undefined
    ? request.documents.map((): PrepareResult => ({ ok: false, code: "ERR_INTERNAL" }))
    : request.documents.map((document) => prepareOne(document, loaded));
  port.postMessage({ id: request.id, results } satisfies PrepareReply);
});
