// The container image, built from the real Dockerfile (docs/operations.md "Running the image"): the demo target
// starts, becomes ready, converts the public specimen 2D-DOC, serves metrics without personal data on the
// operations port only, and runs
// as uid 10001; the production target refuses to start without its configuration, naming a variable.
// Without a container engine the suite prints one line and is not run (engine.ts); .ci/run provides one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import { GenericContainer, Wait, type StartedTestContainer } from "testcontainers";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { engineUnavailable } from "./engine.js";

const SUITE = "container suite";
const ROOT = resolve(import.meta.dirname, "../..");
const PORT = 8080;
const OPS_PORT = 9090;
const startedAt = Date.now();
// The specimen is the product's own (src/specimen.ts, token form): the suite needs no external vectors.
const skipReason = await engineUnavailable(SUITE);

if (skipReason === undefined) defineSuite();

function defineSuite(): void {
  let demo: StartedTestContainer | undefined;
  let baseUrl = "";
  let opsUrl = "";

  before(async () => {
    const image = await GenericContainer.fromDockerfile(ROOT).withTarget("demo").build("dcc-converter:test-demo", { deleteOnExit: false });
    console.log(`# ${SUITE}: demo image built in ${seconds(startedAt)} s`);
    demo = await image
      .withExposedPorts(PORT, OPS_PORT)
      .withWaitStrategy(Wait.forHttp("/readyz", OPS_PORT).forStatusCode(200))
      .withStartupTimeout(120_000)
      .start();
    baseUrl = `http://${demo.getHost()}:${demo.getMappedPort(PORT)}`;
    opsUrl = `http://${demo.getHost()}:${demo.getMappedPort(OPS_PORT)}`;
  });

  after(async () => {
    await demo?.stop();
    console.log(`# ${SUITE}: took ${seconds(startedAt)} s (image builds included)`);
  });

  test("the demo image is ready: /healthz and /readyz answer 200 on the operations port; /readyz is 404 on the public one", async () => {
    assert.equal((await fetch(`${opsUrl}/healthz`)).status, 200);
    assert.equal((await fetch(`${opsUrl}/readyz`)).status, 200);
    assert.equal((await fetch(`${baseUrl}/readyz`)).status, 404);
  });

  test("the demo image converts the specimen 2D-DOC into an HC1: certificate", async () => {
    const response = await fetch(`${baseUrl}/v1/conversions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ document: SPECIMEN_2DDOC }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200, `code ${String(body["code"])}`);
    assert.match(String(body["dcc"]), /^HC1:[0-9A-Z $%*+\-./:]+$/);
    assert.equal(body["type"], "vaccination");

    // The metrics carry no content of what was just converted.
    const metrics = await fetch(`${opsUrl}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain/);
    const text = await metrics.text();
    assert.match(text, /^dcc_conversions_total\{/m);
    for (const value of [body["uvci"], body["dcc"]]) assert.ok(!text.includes(String(value)), "a metric carries a conversion value");
  });

  test("the container runs as the numeric non-root user 10001", async () => {
    const result = await demo!.exec(["id", "-u"]);
    assert.equal(result.exitCode, 0);
    assert.equal(result.output.trim(), "10001");
  });

  test("the production image refuses to start unconfigured: exit 2, one line naming a variable", async () => {
    const image = await GenericContainer.fromDockerfile(ROOT).withTarget("production").build("dcc-converter:test-production", { deleteOnExit: false });
    // The shell reports the service's exit status, so the one-shot run itself succeeds and its output is complete.
    const output = collectOutput();
    const probe = await image
      .withEntrypoint(["sh", "-c", "node /app/bin/dcc-converter.mjs serve 2>&1; echo \"exit=$?\""])
      .withLogConsumer(output.consume)
      .withWaitStrategy(Wait.forOneShotStartup())
      .withStartupTimeout(60_000)
      .start();
    const logs = await output.ended;
    await probe.stop();
    const lines = logs.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, "more than one line before the exit status");
    assert.match(lines[0] ?? "", /\b(PKCS11_MODULE|PKCS11_PIN|DCC_SIGNERS|UVCI_KEY|TAC_KEYS|API_KEYS_FILE)\b/);
    assert.equal(lines[1], "exit=2");
  });
}

/** A log consumer gathering a container's output, and the whole of it once the stream ends. */
function collectOutput(): { consume: (stream: Readable) => void; ended: Promise<string> } {
  let consume: (stream: Readable) => void = () => undefined;
  const ended = new Promise<string>((done) => {
    consume = (stream) => {
      const chunks: string[] = [];
      stream.on("data", (chunk: Buffer | string) => chunks.push(chunk.toString()));
      stream.on("end", () => done(chunks.join("")));
      stream.on("error", () => done(chunks.join("")));
    };
  });
  return { consume: (stream) => consume(stream), ended };
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
