// A conversion worker thread: runs the whole pipeline of a conversion (src/convert.ts) or a seal, and draws the printed
// answers of both (src/print/render-answer.ts), so that the main thread only serves HTTP. It loads its own trust store,
// tables and value sets from the ConversionWorkerConfig it is given (plain data: no PIN, no key URI), signs on PKCS#11
// sessions of its own with the key handles the main thread hands it after each connection (src/hsm/worker-sessions.ts),
// and checks the revocation list the main thread shares with it. A refusal crosses as its code and field only
// (thread-server.ts).
import { parentPort, workerData } from "node:worker_threads";
import { convertDocument, prepareConversion, summaryOf, systemClock, type ConversionDeps } from "../convert.js";
import { renderAnswer } from "../print/render-answer.js";
import { createWorkerSigning } from "../hsm/worker-sessions.js";
import { convertSeal, type SealConversionDeps } from "../icao/convert-seal.js";
import { createSharedRevocationCheck } from "../revocation/revocation-list.js";
import {
  loadPreparationData,
  type ConversionReply,
  type ConversionRequest,
  type ConversionWorkerConfig,
  type ConversionWorkerMessage,
} from "./conversion-pool.js";
import { refuseToStart, serveRequests } from "./thread-server.js";

const config = workerData as ConversionWorkerConfig;
let deps: (ConversionDeps & SealConversionDeps) | undefined;
try {
  const signing = createWorkerSigning(config.hsm, config.hsmQueueMax);
  const revocations = createSharedRevocationCheck();
  parentPort?.on("message", (message: ConversionWorkerMessage | readonly unknown[]) => {
    if ("sessionKeys" in message) signing.attach(message.sessionKeys);
    else if ("revocations" in message) revocations.replace(message.revocations);
  });
  const { trust, tables, mapping, valueSets, sealTables } = loadPreparationData(config);
  const preparation = { trust, tables, mapping, valueSets, sealTables };
  deps = { ...preparation, vault: signing.vault, revocations, clock: systemClock, validity: config.validity };
} catch (error) {
  refuseToStart(error, "ERR_INTERNAL");
}

if (deps !== undefined) {
  const loaded = deps;
  serveRequests<ConversionRequest, ConversionReply>((request) => {
    switch (request.op) {
      case "render":
        return renderAnswer(request.answer, request.mediaType, loaded.valueSets);
      case "seal":
        return convertSeal(request.document, loaded);
      case "convert":
        return convertDocument(request.document, loaded).then(summaryOf);
      case "prepare":
        return prepareConversion(request.document, loaded);
    }
  }, "ERR_INTERNAL");
}
