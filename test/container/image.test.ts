// The demo image, built from the real Dockerfile (target `demo`, README "Container"): it starts, becomes ready
// (on the operations port), converts the public specimen 2D-DOC, serves metrics without personal data, and
// runs as uid 10001. The production image has its own suite (production-image.test.ts).
// Without a container engine the suite prints one line and is not run (engine.ts); .ci/run provides one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { GenericContainer, Wait, type StartedTestContainer } from "testcontainers";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { engineUnavailable } from "./engine.js";
import { seconds } from "./output.js";

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
    console.log(`# ${SUITE}: demo image took ${seconds(startedAt)} s (image build included)`);
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

    // The metrics carry no content of what was just converted (docs/operations.md "Metrics").
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
}
