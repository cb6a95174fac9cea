// The printed answers of an ICAO VDS-NC seal (contract §9) take the DCC's path (src/print/render-answer.ts): drawn
// by the converter's `render` in the conversion workers, never on the event loop, within the printed answers' bound
// (docs/operations.md, "Bounds"), and drawn the same on the calling thread when CONVERSION_WORKERS=0. The service is
// the real one (SoftHSM token, HTTP on an ephemeral port, real worker threads); its workers are started through a
// wrapper that records every request the main thread posts to them, so the test sees which thread drew what.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import type { Worker } from "node:worker_threads";
import { loadConfig } from "../../src/config.js";
import { buildServiceDeps, releaseServiceDeps, type ServiceDeps } from "../../src/deps.js";
import { createRequestListener } from "../../src/app.js";
import { listen, type Listener } from "../../src/http/listen.js";
import type { HsmKeyVault } from "../../src/hsm/key-vault.js";
import { createLogger } from "../../src/logging.js";
import { createMetrics } from "../../src/metrics.js";
import { isSeal, PRINTED_MAX_CONCURRENT } from "../../src/print/render-answer.js";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import {
  conversionWorkerConfig,
  createInlineConverter,
  createWorkerPool,
  startConversionWorker,
  type ConversionRequest,
  type ConversionWorkerConfig,
} from "../../src/workers/conversion-pool.js";
import type { ThreadRequests } from "../../src/workers/thread-client.js";
import { bodyOf, holdPastBound, holdRequest } from "../support/held-request.js";
import { watchAnswers } from "../support/openapi-validator.js";
import { readPdf, readQrImage } from "../support/read-pdf.js";

/** A seal's text without its signature: `{"data":…` up to `,"sig"` (contract §9). */
const signedPart = (seal: string) => seal.slice(0, seal.indexOf(',"sig"'));

/** A request as the worker received it: its operation, and for `render` what it drew and as what. */
type Posted = { readonly op: ConversionRequest["op"]; readonly drawn?: string };

// startConversionWorker, with every batch of requests the main thread posts to the worker recorded.
function recordingWorkers(posted: Posted[]): (config: ConversionWorkerConfig) => Worker {
  return (config) => {
    const worker = startConversionWorker(config);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: unknown, transfer?: Parameters<Worker["postMessage"]>[1]) => {
      if (Array.isArray(message)) {
        for (const { request } of message as ThreadRequests<ConversionRequest>) {
          const drawn = request.op === "render" ? `${isSeal(request.answer) ? "seal" : "dcc"} ${request.mediaType}` : undefined;
          posted.push(drawn === undefined ? { op: request.op } : { op: request.op, drawn });
        }
      }
      post(message, transfer);
    };
    return worker;
  };
}

describe("a seal's printed answers over real HTTP, SoftHSM and worker threads", () => {
  const posted: Posted[] = [];
  const logs: string[] = [];
  let deps: ServiceDeps;
  let main: Listener;
  let answers: { violations(): string[] };
  const convert = (accept: string, format = "icao") =>
    fetch(`${main.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept },
      body: JSON.stringify({ document: SPECIMEN_2DDOC, format }),
    });
  const renders = () => posted.filter((request) => request.op === "render").map((request) => request.drawn);

  before(async () => {
    const env = { ...process.env, PORT: "0", OPS_PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "debug", CONVERSION_WORKERS: "1" };
    const config = loadConfig(env);
    const built = await buildServiceDeps(config);
    await built.converter.close();
    // The vault buildServiceDeps opened (openKeyVault: a KeyVault and the source of the workers' sessions).
    const vault = built.conversion.vault as HsmKeyVault;
    const pool = createWorkerPool(
      conversionWorkerConfig(config, vault.workerHsm),
      { vault, revocations: built.revocationList },
      { threads: 1, maxPending: 100 },
      recordingWorkers(posted),
    );
    deps = { ...built, converter: pool };
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString("utf8"));
        done();
      },
    });
    const logger = createLogger(config.logLevel, sink);
    const appDeps = { config, logger, metrics: createMetrics(), ...deps, stopping: new AbortController().signal };
    main = await listen(createRequestListener(appDeps), config.port, config.host);
    answers = watchAnswers(main.server);
  });

  after(async () => {
    main.server.closeAllConnections();
    await new Promise((resolve) => main.server.close(resolve));
    await releaseServiceDeps(deps);
    assert.deepEqual(answers.violations(), []);
  });

  test("a seal's PDF, PNG and SVG are drawn by the worker's render, and decode to the seal the JSON answer gives", async () => {
    const json = await convert("application/json");
    const { seal, uvci } = (await json.json()) as { seal: string; uvci: string };
    posted.length = 0;
    const pdf = await convert("application/pdf");
    assert.equal(pdf.headers.get("content-type"), "application/pdf");
    const read = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
    assert.ok(read.text.includes("ICAO Visible Digital Seal (VDS-NC)") && read.text.includes(uvci));
    assert.equal(read.codes[0]?.ecLevel, "M");
    const png = await convert("image/png");
    assert.equal(png.headers.get("content-type"), "image/png");
    const [code] = await readQrImage(new Uint8Array(await png.arrayBuffer()));
    assert.match(await (await convert("image/svg+xml")).text(), /^<svg /);
    assert.deepEqual(renders(), ["seal application/pdf", "seal image/png", "seal image/svg+xml"]);
    assert.deepEqual(
      posted.map((request) => request.op),
      ["seal", "render", "seal", "render", "seal", "render"],
    );
    // Each answer is a new seal (its own signature) of the same data as the JSON answer's.
    for (const text of [read.codes[0]?.text ?? "", code?.text ?? ""]) assert.equal(signedPart(text), signedPart(seal));
    await convert("application/pdf", "dcc").then((response) => response.arrayBuffer());
    assert.equal(renders().at(-1), "dcc application/pdf", "a DCC's PDF takes the same operation");
    for (const line of logs) assert.ok(!/AZAY|1952-08-04|"sig"|HC1:/.test(line) && !line.includes(uvci), line);
  });

  test(`past ${PRINTED_MAX_CONCURRENT} printed answers in progress, a seal's PDF or PNG is 503 ERR_OVERLOADED (render)`, async () => {
    const body = JSON.stringify({ document: SPECIMEN_2DDOC, format: "icao" });
    const accept = (k: number) => ({ accept: k % 2 === 0 ? "application/pdf" : "image/png" });
    const admitted = await holdPastBound(
      PRINTED_MAX_CONCURRENT,
      (k) => holdRequest(`${main.url}/v1/conversions`, body, accept(k)),
      "render",
    );
    posted.length = 0;
    for (const request of admitted) request.finish();
    const statuses = await Promise.all(
      admitted.map(async ({ response }) => {
        const answer = await response;
        await bodyOf(answer);
        return answer.statusCode;
      }),
    );
    assert.deepEqual(
      statuses,
      admitted.map(() => 200),
    );
    assert.equal(renders().length, PRINTED_MAX_CONCURRENT, "every admitted seal was drawn by the worker");
    assert.ok(renders().every((drawn) => drawn === "seal application/pdf" || drawn === "seal image/png"));
  });

  test("with CONVERSION_WORKERS=0 the calling thread draws a seal's QR code and page with the same renderer", async () => {
    const inline = createInlineConverter(deps.conversion);
    const seal = await inline.seal(SPECIMEN_2DDOC);
    const [code] = await readQrImage(await inline.render(seal, "image/png"));
    assert.deepEqual([code?.text, code?.ecLevel], [seal.seal, "M"]);
    const read = await readPdf(await inline.render(seal, "application/pdf"));
    assert.deepEqual([read.codes[0]?.text, read.text.includes(seal.uvci)], [seal.seal, true]);
  });
});
