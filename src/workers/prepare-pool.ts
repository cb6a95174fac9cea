// The CPU stages of every conversion (normalise → parse → verify → map, `prepareConversion`) in a pool of
// worker threads, for single conversions, TousAntiCovid and batches alike: the event loop keeps serving
// while the 2D-DOC signatures are verified (BENCHMARKS.md, "HTTP conversion endpoint"). The thread client
// (thread-client.ts) hands documents over in chunks to the least loaded worker and bounds the queue
// (CONVERSION_QUEUE_MAX); a worker that dies is replaced, its in-flight documents fail with ERR_INTERNAL.
import { Worker } from "node:worker_threads";
import type { Config } from "../config.js";
import { prepareConversion, type PreparationDeps, type PreparedConversion } from "../convert.js";
import { loadValueSets } from "../dcc/value-sets.js";
import { loadMappingTables } from "../mapping/tables.js";
import { defaultTrustBundle, loadTrustStore, readTrustBundle } from "../twoddoc/trust-store.js";
import { createThreadClient, workerScript, type WorkerScript } from "./thread-client.js";

/** The CPU stages of a conversion, run somewhere (worker threads or inline). */
export interface Preparer {
  prepare(document: string): Promise<PreparedConversion>;
  close(): Promise<void>;
}

/** What a conversion worker is given: the trust bundle, the tables and the mapping options — no key, no PIN. */
export type PreparationConfig = Pick<Config, "trustBundleFile" | "mappingsDir" | "issuers" | "positiveTest">;

export interface WorkerPoolOptions {
  readonly threads: number;
  /** Documents queued or in flight beyond which a document is refused with ERR_OVERLOADED ("workers"). */
  readonly maxPending: number;
}

const CHUNK = 32;

/** The data every conversion needs, loaded without touching the HSM: by the service, and by each conversion worker. */
export function loadPreparationData(config: PreparationConfig) {
  const trust = loadTrustStore(config.trustBundleFile === undefined ? defaultTrustBundle() : readTrustBundle(config.trustBundleFile));
  const valueSets = loadValueSets();
  const tables = loadMappingTables(config.mappingsDir, valueSets);
  const mapping = { issuer: config.issuers, positiveTest: config.positiveTest };
  return { trust, valueSets, tables, mapping };
}

/** The configuration a conversion worker receives (workerData), and nothing more. */
function preparationConfigOf(config: PreparationConfig): PreparationConfig {
  const { trustBundleFile, mappingsDir, issuers, positiveTest } = config;
  return { trustBundleFile, mappingsDir, issuers: { ...issuers }, positiveTest };
}

// The workers' environment: this process's, without the variables that carry secrets (the PIN is the vault's).
const SECRET_VARIABLES = new Set(["PKCS11_PIN", "PKCS11_PIN_FILE"]);

function workerEnv(): NodeJS.Dict<string> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !SECRET_VARIABLES.has(name)));
}

/** What a conversion worker is started with: its script, its workerData and its environment. */
export function prepareWorkerScript(config: PreparationConfig): WorkerScript {
  // workerScript: the compiled .js sibling, or the .ts one behind a tsx bootstrap in a source checkout.
  const { script, options } = workerScript(import.meta.url, "prepare-worker", preparationConfigOf(config));
  return { script, options: { ...options, env: workerEnv() } };
}

export function startPrepareWorker(config: PreparationConfig): Worker {
  const { script, options } = prepareWorkerScript(config);
  return new Worker(script, options);
}

export function createWorkerPool(config: PreparationConfig, options: WorkerPoolOptions, start = startPrepareWorker): Preparer {
  const client = createThreadClient<string, PreparedConversion>({
    name: "workers",
    start: () => start(config),
    size: options.threads,
    maxPending: options.maxPending,
    lostCode: "ERR_INTERNAL",
    chunk: CHUNK,
  });
  return { prepare: (document) => client.call(document), close: () => client.close() };
}

/** The same stages on the calling thread (CONVERSION_WORKERS=0, unit tests). */
function createInlinePreparer(deps: PreparationDeps): Preparer {
  return {
    prepare: async (document) => prepareConversion(document, deps),
    close: async () => undefined,
  };
}

/** CONVERSION_WORKERS threads, or the calling thread when it is 0. */
export function createPreparer(config: Config, deps: PreparationDeps): Preparer {
  const { conversionWorkers: threads, conversionQueueMax: maxPending } = config;
  return threads > 0 ? createWorkerPool(config, { threads, maxPending }) : createInlinePreparer(deps);
}
