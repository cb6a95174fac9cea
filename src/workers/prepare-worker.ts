// A batch worker thread: runs the pure CPU stages of a conversion (normalise → parse → verify → map,
// `prepareConversion`) so that both cores work while the main thread drives the HSM (issue 6).
// It loads its own trust store and tables from the configuration it is given (plain data, no keys:
// the HSM stays with the main thread). Messages carry chunks of documents to amortise the hand-over.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config.js";
import { prepareConversion, type PreparationDeps } from "../convert.js";
import { loadPreparationData } from "../deps.js";
import { isConverterError } from "../errors.js";
import type { PrepareReply, PrepareRequest, PrepareResult } from "./prepare-protocol.js";

function prepareOne(document: string, deps: PreparationDeps): PrepareResult {
  try {
    return { ok: true, prepared: prepareConversion(document, deps) };
  } catch (error) {
    // Only the stable code and field cross back: never a message that might hold input.
    if (isConverterError(error)) return error.field === undefined ? { ok: false, code: error.code } : { ok: false, code: error.code, field: error.field };
    return { ok: false, code: "ERR_INTERNAL" };
  }
}

const port = parentPort;
if (port === null) throw new TypeError("prepare-worker must run in a worker thread");

let deps: PreparationDeps | undefined;
try {
  const { trust, tables, mapping } = loadPreparationData(workerData as Config);
  deps = { trust, tables, mapping };
} catch (error) {
  port.postMessage({ fatal: isConverterError(error) ? error.code : "ERR_INTERNAL" } satisfies PrepareReply);
}

port.on("message", (request: PrepareRequest) => {
  const loaded = deps;
  const results = loaded === undefined
    ? request.documents.map((): PrepareResult => ({ ok: false, code: "ERR_INTERNAL" }))
    : request.documents.map((document) => prepareOne(document, loaded));
  port.postMessage({ id: request.id, results } satisfies PrepareReply);
});
