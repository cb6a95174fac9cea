// Graceful shutdown (docs/operations.md "Shutdown") on the real process, `dcc-converter serve` spawned with
// SHUTDOWN_DELAY_SECONDS=1 and ephemeral ports: under load from clients that open a connection per request,
// SIGTERM turns /readyz to 503 at once while the public port keeps converting; the load stops the way a load
// balancer's would, once it has seen the 503; then no request has failed (no ECONNRESET), a batch running
// through it ended with one ERR_SHUTTING_DOWN line after its answered lines, and the process exited 0
// within the delay plus the drain bound.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { DRAIN_SECONDS } from "../../src/shutdown.js";
import { startServiceProcess } from "../support/service-process.js";

const DELAY_SECONDS = 1;
const CLIENTS = 8;
/** Requests that must still convert after /readyz said 503: the public port kept serving. */
const SERVED_AFTER_NOT_READY = 16;

type Outcome = { status: number; retryAfter?: string } | { error: string };

/** One request on a connection of its own (`agent: false`), as the clients of the finding did. */
function send(url: string, method: string, body?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { method, agent: false, headers: body === undefined ? {} : { "content-type": "application/json" } }, (res) => {
      res.resume();
      const retryAfter = res.headers["retry-after"];
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ...(retryAfter === undefined ? {} : { retryAfter }) }));
      res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

interface BatchRun {
  lines: Array<{ line: number; type?: string; error?: { code: string; status: number } }>;
  ended: Promise<"end" | "aborted" | string>;
}

/** A batch whose client sends one line every 10 ms until the response ends. */
function runBatch(url: string): BatchRun {
  const lines: BatchRun["lines"] = [];
  let open = true;
  const ended = new Promise<string>((resolve) => {
    const req = request(
      `${url}/v1/conversions/batch`,
      { method: "POST", agent: false, headers: { "content-type": "application/x-ndjson" } },
      (res) => {
        let rest = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          const parts = (rest + chunk).split("\n");
          rest = parts.pop() ?? "";
          for (const part of parts) lines.push(JSON.parse(part) as BatchRun["lines"][number]);
        });
        res.on("end", () => {
          open = false;
          resolve(rest === "" ? "end" : "partial line");
        });
        res.on("aborted", () => {
          open = false;
          resolve("aborted");
        });
        res.on("error", (error: NodeJS.ErrnoException) => {
          open = false;
          resolve(error.code ?? "error");
        });
      },
    );
    req.on("error", () => {
      open = false;
    }); // the upload is cut once the server has ended the response
    void (async () => {
      for (let i = 0; open; i += 1) {
        req.write(`${JSON.stringify({ id: `b${i}`, document: SPECIMEN_2DDOC })}\n`);
        await sleep(10);
      }
    })();
  });
  return { lines, ended };
}

describe("graceful shutdown", () => {
  test(
    "under load, SIGTERM loses no request (no ECONNRESET), /readyz says 503 during the delay, a running batch ends cleanly, exit 0",
    { timeout: 120_000 },
    async () => {
      const service = await startServiceProcess({ SHUTDOWN_DELAY_SECONDS: String(DELAY_SECONDS) });
      const outcomes: Outcome[] = [];
      const readiness: number[] = [];
      let notReadySeen = false;
      let withoutRetryAfter = 0;
      let servedAfterNotReady = 0;
      let stopLoad = false;

      const batch = runBatch(service.url);
      while (batch.lines.length < 20) await sleep(20);

      const client = async () => {
        while (!stopLoad) {
          const outcome = await send(`${service.url}/v1/conversions`, "POST", JSON.stringify({ document: SPECIMEN_2DDOC }));
          outcomes.push(outcome);
          if (notReadySeen && "status" in outcome && outcome.status === 200) servedAfterNotReady += 1;
          if (servedAfterNotReady >= SERVED_AFTER_NOT_READY) stopLoad = true; // the load balancer has stopped routing
        }
      };
      const prober = (async () => {
        for (;;) {
          const outcome = await send(`${service.opsUrl}/readyz`, "GET");
          if ("error" in outcome) return; // the operations listener closed last
          readiness.push(outcome.status);
          if (outcome.status === 503) {
            notReadySeen = true;
            if (outcome.retryAfter === undefined) withoutRetryAfter += 1;
          }
          await sleep(25);
        }
      })();
      const load = Array.from({ length: CLIENTS }, client);
      while (outcomes.length < 40) await sleep(20);

      const signalled = performance.now();
      service.child.kill("SIGTERM");
      const code = await service.exited;
      const seconds = (performance.now() - signalled) / 1000;
      stopLoad = true;
      await Promise.all([...load, prober]);

      assert.deepEqual(
        outcomes.filter((o) => !("status" in o) || o.status !== 200),
        [],
        "every request converted; none reset",
      );
      assert.ok(servedAfterNotReady >= SERVED_AFTER_NOT_READY, "the public port kept serving after /readyz said 503");
      assert.equal(readiness[0], 200);
      assert.ok(readiness.includes(503), "/readyz said 503 during the delay");
      assert.deepEqual([...new Set(readiness.slice(readiness.indexOf(503)))], [503], "and never ready again");
      assert.equal(withoutRetryAfter, 0, "every 503 carries Retry-After");

      assert.equal(await batch.ended, "end", "the batch response ended cleanly");
      const last = batch.lines.at(-1)!;
      assert.deepEqual(last.error, { code: "ERR_SHUTTING_DOWN", status: 503 });
      batch.lines.forEach((l, i) => assert.equal(l.line, i + 1, "consecutive line numbers"));
      assert.ok(batch.lines.length > 1, "the batch answered lines before the shutdown line");
      assert.ok(
        batch.lines.slice(0, -1).every((l) => l.type === "vaccination"),
        "every line read was answered",
      );

      assert.equal(code, 0);
      const events = service.logs.map((l) => l["event"]);
      assert.ok(events.indexOf("shutdown-delay") < events.indexOf("draining") && events.includes("draining"));
      assert.ok(!events.includes("drain-cut"), "nothing was cut at the drain bound");
      console.log(
        `# shutdown: exit after ${seconds.toFixed(2)} s (delay ${DELAY_SECONDS} s, drain bound ${DRAIN_SECONDS} s), ${outcomes.length} requests, ${servedAfterNotReady} served after /readyz said 503, batch of ${batch.lines.length} lines`,
      );
      assert.ok(seconds < DELAY_SECONDS + DRAIN_SECONDS, "exit within the delay plus the drain bound (the grace period)");
    },
  );
});
