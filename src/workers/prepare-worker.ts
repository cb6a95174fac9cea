// A conversion worker thread: runs the pure CPU stages of a conversion (normalise → parse → verify → map,
// `prepareConversion`) so that both cores work while the main thread drives the HSM. It loads its own trust
// store and tables from the PreparationConfig it is given (plain data: no key, no PIN). A refusal crosses as
// its code and field only (thread-server.ts).
import { workerData } from "node:worker_threads";
import { prepareConversion, type PreparationDeps } from "../convert.js";
import { loadPreparationData, type PreparationConfig } from "./prepare-pool.js";
import { refuseToStart, serveRequests } from "./thread-server.js";

let deps: PreparationDeps | undefined;
try {
  const { trust, tables, mapping } = loadPreparationData(workerData as PreparationConfig);
  deps = { trust, tables, mapping };
} catch (error) {
  refuseToStart(error, "ERR_INTERNAL");
}

if (deps !== undefined) {
  const loaded = deps;
  serveRequests((document: string) => prepareConversion(document, loaded), "ERR_INTERNAL");
}
