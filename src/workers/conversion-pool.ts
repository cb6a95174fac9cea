// Every conversion, whole, in a pool of worker threads: for single conversions, TousAntiCovid and batches alike,
// a document crosses to a worker once and its signed DCC comes back once. The printed answers (QR image, PDF) of a
// DCC and of a seal are drawn there too, off the event loop. The worker runs the whole pipeline
// (src/convert.ts) and signs on PKCS#11 sessions of its own (src/hsm/worker-sessions.ts); it reads the
// revocation list in force from shared memory (docs/revocation.md, "Inside"). The main thread keeps HTTP.
// The thread client (thread-client.ts) hands documents over in chunks to the least loaded worker and bounds the
// queue (CONVERSION_QUEUE_MAX); a worker that dies is replaced, its in-flight documents fail with ERR_INTERNAL.
import { Worker } from "node:worker_threads";
import type { Config } from "../config.js";
import type { MappingOptions } from "../mapping/options.js";
import {
  convertDocument,
  prepareConversion,
  summaryOf,
  type Conversion,
  type ConversionDeps,
  type PreparedConversion,
} from "../convert.js";
import { workerSessions, type SessionKeys, type WorkerHsmConfig, type WorkerSessionSource } from "../hsm/worker-sessions.js";
import { loadMappingData } from "../mapping/tables.js";
import { convertSeal, type SealConversion, type SealConversionDeps } from "../icao/convert-seal.js";
import { loadSealTables } from "../icao/seal-tables.js";
import type { SharedListStores } from "../revocation/revocation-list.js";
import { defaultTrustBundle, loadTrustStore, readTrustBundle } from "../twoddoc/trust-store.js";
import { RequestError } from "../errors.js";
import { createThreadClient, workerScript, type WorkerScript } from "./thread-client.js";
import { isSeal, renderAnswer, type PrintableAnswer, type PrintedMediaType } from "../print/render-answer.js";

/** Where conversions run (worker threads, or the calling thread). */
export interface Converter {
  /** The whole pipeline: one 2D-DOC in, one signed DCC out. */
  convert(document: string): Promise<Conversion>;
  /** The same document as an ICAO VDS-NC seal (src/icao/convert-seal.ts). */
  seal(document: string): Promise<SealConversion>;
  /** The stages before the HSM only (normalise → parse → verify → map): revocation requests need the source. */
  prepare(document: string): Promise<PreparedConversion>;
  /** The QR image or the printable page of a signed DCC or of a seal (src/print/render-answer.ts). */
  render(answer: PrintableAnswer, mediaType: PrintedMediaType): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** One request to a conversion worker. */
export type ConversionRequest =
  | { readonly op: "convert" | "seal" | "prepare"; readonly document: string }
  | { readonly op: "render"; readonly answer: PrintableAnswer; readonly mediaType: PrintedMediaType };

/** What a conversion worker answers, by request. */
export type ConversionReply = Conversion | SealConversion | PreparedConversion | Uint8Array;

/** Main → conversion worker, beside the requests: the key handles of a new connection, the revocation list in force. */
export type ConversionWorkerMessage = { readonly sessionKeys: SessionKeys } | { readonly revocations: SharedListStores };

/** The data a conversion worker loads itself: the trust bundle, the tables, the mapping options. */
export type PreparationConfig = Pick<Config, "trustBundleFile" | "mappingsDir" | "issuers" | "positiveTest">;

/** What a conversion worker is given (workerData), and nothing more: no PIN, no key URI. */
export interface ConversionWorkerConfig extends PreparationConfig {
  readonly validity: Config["validity"];
  /** The library, the session gate and the DSCs: what the worker's own sessions need (worker-sessions.ts). */
  readonly hsm: WorkerHsmConfig;
  /** Signatures and HMACs a worker may have waiting for a session (HSM_QUEUE_MAX). */
  readonly hsmQueueMax: number;
}

/** What the pool needs besides the configuration: the vault's worker sessions and the revocation list to share. */
export interface ConversionSources {
  readonly vault: WorkerSessionSource;
  readonly revocations: { share(listener: (stores: SharedListStores) => void): () => void };
}

export interface WorkerPoolOptions {
  readonly threads: number;
  /** Documents queued or in flight beyond which a document is refused with ERR_OVERLOADED ("workers"). */
  readonly maxPending: number;
}

const CHUNK = 32;

/** The data every conversion needs, loaded without touching the HSM: by the service, and by each conversion worker. */
export function loadPreparationData(config: PreparationConfig) {
  const trust = loadTrustStore(config.trustBundleFile === undefined ? defaultTrustBundle() : readTrustBundle(config.trustBundleFile));
  const { valueSets, tables } = loadMappingData(config.mappingsDir);
  // A conversion never maps an antigen test (service contract §7: no RAT device id in a 2D-DOC).
  const mapping: MappingOptions = { issuer: config.issuers, positiveTest: config.positiveTest, antigenTest: "refuse" };
  const sealTables = loadSealTables(config.mappingsDir, valueSets, tables);
  return { trust, valueSets, tables, mapping, sealTables };
}

/** The configuration a conversion worker receives (workerData). */
export function conversionWorkerConfig(config: Config, vault: Omit<WorkerHsmConfig, "sessions">): ConversionWorkerConfig {
  const { trustBundleFile, mappingsDir, issuers, positiveTest, validity, hsmQueueMax } = config;
  const hsm = { ...vault, sessions: workerSessions(vault.calls, config.pkcs11.sessions, config.conversionWorkers) };
  return { trustBundleFile, mappingsDir, issuers: { ...issuers }, positiveTest, validity: { ...validity }, hsm, hsmQueueMax };
}

// The workers' environment: this process's, without the variables that carry secrets (the PIN is the vault's).
const SECRET_VARIABLES = new Set(["PKCS11_PIN", "PKCS11_PIN_FILE"]);

function workerEnv(): NodeJS.Dict<string> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !SECRET_VARIABLES.has(name)));
}

/** What a conversion worker is started with: its script, its workerData and its environment. */
export function conversionWorkerScript(config: ConversionWorkerConfig): WorkerScript {
  // workerScript: the compiled .js sibling, or the .ts one behind a tsx bootstrap in a source checkout.
  const { script, options } = workerScript(import.meta.url, "conversion-worker", config);
  return { script, options: { ...options, env: workerEnv() } };
}

export function startConversionWorker(config: ConversionWorkerConfig): Worker {
  const { script, options } = conversionWorkerScript(config);
  return new Worker(script, options);
}

// What crosses to the worker: the answer's own fields, no intermediate of the chain (fewer bytes to clone).
const printableOf = (answer: PrintableAnswer): PrintableAnswer => (isSeal(answer) ? answer : summaryOf(answer));

export function createWorkerPool(
  config: ConversionWorkerConfig,
  sources: ConversionSources,
  options: WorkerPoolOptions,
  start = startConversionWorker,
): Converter {
  // Each worker gets the key handles and the revocation list at start, and again whenever either is renewed.
  const startWorker = () => {
    const worker = start(config);
    const post = (message: ConversionWorkerMessage) => worker.postMessage(message);
    const unsubscribe = [
      sources.vault.subscribe((sessionKeys) => post({ sessionKeys })),
      sources.revocations.share((stores) => post({ revocations: stores })),
    ];
    worker.once("exit", () => unsubscribe.forEach((stop) => stop()));
    return worker;
  };
  const client = createThreadClient<ConversionRequest, ConversionReply>({
    name: "workers",
    start: startWorker,
    size: options.threads,
    maxPending: options.maxPending,
    lostCode: "ERR_INTERNAL",
    chunk: CHUNK,
  });
  return {
    convert: async (document) => (await sources.vault.guard(() => client.call({ op: "convert", document }))) as Conversion,
    seal: async (document) => (await sources.vault.guard(() => client.call({ op: "seal", document }))) as SealConversion,
    prepare: async (document) => (await client.call({ op: "prepare", document })) as PreparedConversion,
    render: async (answer, mediaType) => (await client.call({ op: "render", answer: printableOf(answer), mediaType })) as Uint8Array,
    close: () => client.close(),
  };
}

/** The same pipeline on the calling thread (CONVERSION_WORKERS=0). */
export function createInlineConverter(deps: ConversionDeps | (ConversionDeps & SealConversionDeps)): Converter {
  return {
    convert: async (document) => summaryOf(await convertDocument(document, deps)),
    // Without the seal's tables and signers (a caller that only converts to DCCs) the format is off.
    seal: async (document) => {
      if (!("sealTables" in deps)) throw new RequestError("ERR_FORMAT_OFF", { field: "format" });
      return convertSeal(document, deps);
    },
    prepare: async (document) => prepareConversion(document, deps),
    render: (answer, mediaType) => renderAnswer(answer, mediaType, deps.valueSets),
    close: async () => undefined,
  };
}

/** CONVERSION_WORKERS threads, or the calling thread when it is 0. */
export function createConverter(
  config: Config,
  deps: ConversionDeps | (ConversionDeps & SealConversionDeps),
  sources: ConversionSources,
): Converter {
  const { conversionWorkers: threads, conversionQueueMax: maxPending } = config;
  if (threads === 0) return createInlineConverter(deps);
  return createWorkerPool(conversionWorkerConfig(config, sources.vault.workerHsm), sources, { threads, maxPending });
}
