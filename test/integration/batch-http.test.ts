// POST /v1/conversions/batch over real HTTP and SoftHSM: mixed lines, order and ids, the
// status a single conversion would get, limits, 100,000 lines with RSS measured, and a client that
// disconnects mid-stream stopping the work. Every DCC the batch returns is checked by the project verifier.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { Readable } from "node:stream";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { verifyHc1 } from "../../src/dcc/verify.js";
import { startVerifier } from "./batch-verify-worker.js";
import { startTestService, type TestService } from "../support/service.js";
import { makeOwnDocuments } from "../support/own-documents.js";

const own = makeOwnDocuments();
const documents = own.convertible.map((document) => document.raw);
/** Every service of this file trusts the key that signed our own documents. */
const TRUST = { TWODDOC_TRUST_BUNDLE: own.trustBundle };

const BIN = fileURLToPath(new URL("../../bin/dcc-converter.mjs", import.meta.url));

/** `dcc-converter serve` in its own process (so its RSS is its own), on an ephemeral port. */
async function startServiceProcess(): Promise<{ process: ChildProcess; url: string; pid: number }> {
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...process.env, ...TRUST, PORT: "0", OPS_PORT: "0", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let text = "";
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    const match = /listening on (http:\/\/\S+)/.exec(text);
    if (match !== null) {
      child.stdout!.resume();
      return { process: child, url: match[1]!, pid: child.pid! };
    }
  }
  throw new Error("the service did not start");
}

function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
}

interface ResultLine {
  line: number;
  id?: string;
  dcc?: string;
  type?: string;
  uvci?: string;
  error?: { code: string; status: number };
}

/** Posts a body (text or a stream of lines) and hands each result line to `onLine` as it arrives. */
async function postBatch(
  url: string,
  body: string | AsyncIterable<string>,
  onLine: (r: ResultLine) => void,
  signal?: AbortSignal,
): Promise<Response> {
  const response = await fetch(`${url}/v1/conversions/batch`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body: typeof body === "string" ? body : (Readable.from(body) as unknown as ReadableStream),
    duplex: "half",
    ...(signal === undefined ? {} : { signal }),
  } as RequestInit);
  if (response.body === null || response.status !== 200) return response;
  let rest = "";
  for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) onLine(JSON.parse(part) as ResultLine);
  }
  assert.equal(rest, "", "the response ends with a complete line");
  return response;
}

/** Input lines made on demand; it stops when `signal` aborts, and lets the event loop turn now and then. */
async function* manyLines(count: number, signal?: AbortSignal) {
  for (let i = 0; i < count && signal?.aborted !== true; i += 1) {
    if (i % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
    yield `${JSON.stringify({ id: `n${i}`, document: documents[i % documents.length] })}\n`;
  }
}

describe("POST /v1/conversions/batch", () => {
  let service: TestService;
  let certificates: X509Certificate[];
  let pems: string[];
  const verified = (dcc: string) => verifyHc1(dcc, { certificates, at: new Date() }).valid;

  before(async () => {
    service = await startTestService(TRUST);
    const signers = (await (await fetch(`${service.url}/v1/signers`)).json()) as Array<{ certificate: string }>;
    pems = signers.map((s) => s.certificate);
    certificates = pems.map((pem) => new X509Certificate(pem));
  });
  after(() => service.close());

  test("mixed valid and invalid lines: one result per line, in order, ids kept, per-line codes and statuses", async () => {
    const refused = own.refused.raw;
    const tampered = `${documents[0]!.slice(0, -4)}AAAA`;
    const input =
      [
        JSON.stringify({ id: "a", document: documents[0] }),
        "{not json",
        JSON.stringify({ id: "b", document: refused }),
        JSON.stringify({ document: documents[1] }),
        "",
        JSON.stringify({ id: "c", document: tampered }),
        JSON.stringify({ id: "d", document: documents[2] }),
        JSON.stringify({ id: "a", document: documents[1] }),
      ].join("\n") + "\n";
    const lines: ResultLine[] = [];
    const response = await postBatch(service.url, input, (r) => lines.push(r));
    assert.equal(response.headers.get("content-type"), "application/x-ndjson");
    assert.deepEqual(
      lines.map((l) => [l.line, l.id, l.error?.code ?? l.type]),
      [
        [1, "a", "vaccination"],
        [2, undefined, "ERR_BATCH_LINE"],
        [3, "b", "ERR_MAPPING_UNKNOWN_CODE"],
        [4, undefined, "ERR_BATCH_LINE"],
        [5, undefined, "ERR_BATCH_LINE"],
        [6, "c", "ERR_2DDOC_SIGNATURE"],
        [7, "d", "vaccination"],
        [8, "a", "vaccination"],
      ],
    );
    // `status` is what a single conversion of the same document gets.
    const single = await fetch(`${service.url}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: refused }),
    });
    assert.equal(lines[2]!.error!.status, single.status);
    assert.equal(lines[5]!.error!.status, 422);
    assert.equal(lines[1]!.error!.status, 400);
    for (const line of lines.filter((l) => l.dcc !== undefined)) assert.ok(verified(line.dcc!), `line ${line.line}`);
    // The same document gives the same UVCI, whichever line carried it.
    assert.equal(
      lines[0]!.uvci,
      (
        (await (
          await fetch(`${service.url}/v1/conversions`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ document: documents[0] }),
          })
        ).json()) as ResultLine
      ).uvci,
    );
  });

  test("a body that is not NDJSON is refused with 415 before any work", async () => {
    const response = await fetch(`${service.url}/v1/conversions/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(response.status, 415);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_REQUEST_CONTENT_TYPE");
  });

  test("100,000 lines stream through a separate service process, every DCC verified, its RSS flat", { timeout: 180_000 }, async () => {
    const child = await startServiceProcess();
    try {
      const total = 100_000;
      const rss: Array<[number, number]> = [];
      let count = 0;
      let failures = 0;
      const verifier = startVerifier(pems);
      let pending: string[] = [];
      await postBatch(child.url, manyLines(total), (r) => {
        count += 1;
        if (r.line !== count || r.id !== `n${count - 1}` || r.dcc === undefined) failures += 1;
        else pending.push(r.dcc);
        if (pending.length === 1_000) {
          verifier.add(pending);
          pending = [];
        }
        if (count % 2_000 === 0) rss.push([count, residentBytes(child.pid)]);
      });
      verifier.add(pending);
      assert.equal(count, total);
      assert.equal(failures, 0);
      assert.deepEqual(await verifier.done(), { valid: total, invalid: 0 });
      const peak = (from: number, to: number) => Math.max(...rss.filter(([n]) => n > from && n <= to).map(([, r]) => r));
      const early = peak(10_000, 50_000);
      const late = peak(50_000, total);
      console.log(
        `# batch HTTP service RSS: peak over lines 10k–50k ${(early / 2 ** 20).toFixed(0)} MiB, 50k–100k ${(late / 2 ** 20).toFixed(0)} MiB`,
      );
      assert.ok(late <= early + 32 * 2 ** 20, "RSS does not grow with the line count");
      assert.ok(late < 512 * 2 ** 20, "RSS stays within the documented bound (512 MiB)");
    } finally {
      child.process.kill("SIGTERM");
      await once(child.process, "exit");
    }
  });

  test("a client that disconnects mid-stream stops the work", async () => {
    const controller = new AbortController();
    let received = 0;
    await assert.rejects(
      postBatch(
        service.url,
        manyLines(10_000_000, controller.signal),
        () => {
          received += 1;
          if (received === 500) controller.abort();
        },
        controller.signal,
      ),
      { name: "AbortError" },
    );
    const processed = async () => {
      const text = await (await fetch(`${service.opsUrl}/metrics`)).text();
      return [...text.matchAll(/^dcc_batch_lines_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    // The batch's lines are counted in its loop, which logs "batch-aborted" once it has stopped.
    await service.logged((line) => line.includes('"event":"batch-aborted"'));
    const first = await processed();
    assert.ok(first < 10_000_000);
    // The service is unharmed, and only this one-line batch counts from now on.
    const lines: ResultLine[] = [];
    await postBatch(service.url, `${JSON.stringify({ id: "after", document: documents[0] })}\n`, (r) => lines.push(r));
    assert.equal(lines[0]?.type, "vaccination");
    assert.equal(await processed(), first + 1, "no line of the aborted batch is processed after the disconnect");
  });
});

describe("batch limits", () => {
  let service: TestService;
  before(async () => {
    service = await startTestService({ ...TRUST, BATCH_MAX_LINES: "3", BATCH_MAX_BYTES: "4096" });
  });
  after(() => service.close());

  test("over the line limit: the lines within are answered, then one final ERR_BATCH_TOO_LARGE line", async () => {
    const lines: ResultLine[] = [];
    const input = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `k${i}`, document: documents[0] })).join("\n");
    await postBatch(service.url, input, (r) => lines.push(r));
    assert.deepEqual(
      lines.map((l) => l.error?.code ?? "OK"),
      ["OK", "OK", "OK", "ERR_BATCH_TOO_LARGE"],
    );
    assert.deepEqual(lines[3], { line: 4, error: { code: "ERR_BATCH_TOO_LARGE", status: 413 } });
  });

  test("a declared body over the byte limit is refused with 413 before any work", async () => {
    const response = await fetch(`${service.url}/v1/conversions/batch`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: "x".repeat(5000),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { code: string }).code, "ERR_BATCH_TOO_LARGE");
  });
});
