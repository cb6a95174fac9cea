// The production image (Dockerfile target `production`) as the chart runs it (docs/operations.md): a SoftHSM
// token, the PKCS#11 module and the secrets come from outside (outside-token.ts), production settings, a
// read-only root file system with /tmp as the only writable path, no capabilities, uid 10001. It converts,
// serves /metrics on the operations port only, and refuses to start without its secrets or configuration.
// Without a container engine the suite prints one line and is not run (engine.ts); .ci/run provides one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { GenericContainer, Wait, type StartedTestContainer } from "testcontainers";
import { SPECIMEN_2DDOC } from "../../src/specimen.js";
import { engineUnavailable } from "./engine.js";
import { prepareOutsideToken, type OutsideToken } from "./outside-token.js";
import { collectOutput, seconds } from "./output.js";

const SUITE = "container suite (production image)";
const ROOT = resolve(import.meta.dirname, "../..");
const IMAGE = "dcc-converter:test-production";
const PORT = 8080;
const OPS_PORT = 9090;
const startedAt = Date.now();
const skipReason = await engineUnavailable(SUITE);

/** The chart's container security context: read-only root, /tmp an in-memory volume, no capabilities. */
class HardenedContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    this.hostConfig.ReadonlyRootfs = true;
    this.withTmpFs({ "/tmp": "rw,noexec,nosuid,size=64m" }).withDroppedCapabilities("ALL").withSecurityOpt("no-new-privileges");
  }
}

if (skipReason === undefined) defineSuite();

function defineSuite(): void {
  let outside: OutsideToken;
  let service: StartedTestContainer | undefined;
  let publicUrl = "";
  let opsUrl = "";

  before(async () => {
    await GenericContainer.fromDockerfile(ROOT).withTarget("production").build(IMAGE, { deleteOnExit: false });
    console.log(`# ${SUITE}: image built in ${seconds(startedAt)} s`);
    outside = prepareOutsideToken();
    service = await new HardenedContainer(IMAGE)
      .withBindMounts(outside.mounts)
      .withEnvironment(outside.environment)
      .withExposedPorts(PORT, OPS_PORT)
      .withWaitStrategy(Wait.forHttp("/readyz", OPS_PORT).forStatusCode(200))
      .withStartupTimeout(120_000)
      .start();
    publicUrl = `http://${service.getHost()}:${service.getMappedPort(PORT)}`;
    opsUrl = `http://${service.getHost()}:${service.getMappedPort(OPS_PORT)}`;
  });

  after(async () => {
    await service?.stop();
    console.log(`# container suite: production image took ${seconds(startedAt)} s (image build included)`);
  });

  test("the production image converts the specimen through the outside token, with an API key", async () => {
    const convert = (authorization?: string) =>
      fetch(`${publicUrl}/v1/conversions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
        body: JSON.stringify({ document: SPECIMEN_2DDOC }),
      });
    const refused = await convert();
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as Record<string, unknown>)["code"], "ERR_AUTH_MISSING");
    const response = await convert(`Bearer ${outside.apiKey}`);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200, `code ${String(body["code"])}`);
    assert.match(String(body["dcc"]), /^HC1:[0-9A-Z $%*+\-./:]+$/);
    assert.equal(body["type"], "vaccination");
  });

  test("/metrics and /readyz on the operations port only; the public port answers 404 problem+json", async () => {
    const metrics = await fetch(`${opsUrl}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^dcc_conversions_total\{/m);
    for (const path of ["/metrics", "/readyz"]) {
      const response = await fetch(`${publicUrl}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
      assert.equal(((await response.json()) as Record<string, unknown>)["code"], "ERR_NOT_FOUND");
    }
  });

  test("it runs as uid 10001 on a read-only root file system, /tmp writable", async () => {
    const id = await service!.exec(["id", "-u"]);
    assert.equal(id.output.trim(), "10001");
    const root = await service!.exec(["sh", "-c", 'touch /app/written 2>&1; echo "exit=$?"']);
    assert.match(root.output, /Read-only file system/);
    assert.match(root.output, /exit=1/);
    const tmp = await service!.exec(["sh", "-c", "touch /tmp/written && echo ok"]);
    assert.equal(tmp.output.trim(), "ok");
  });

  /** One start of the image with `environment`, its output and exit status (the shell reports the status). */
  async function startOnce(environment: Record<string, string>, mounts = outside.mounts): Promise<string[]> {
    const output = collectOutput();
    const probe = await new HardenedContainer(IMAGE)
      .withBindMounts(mounts)
      .withEnvironment(environment)
      .withEntrypoint(["sh", "-c", 'node /app/dist/cli/main.js serve 2>&1; echo "exit=$?"'])
      .withLogConsumer(output.consume)
      .withWaitStrategy(Wait.forOneShotStartup())
      .withStartupTimeout(60_000)
      .start();
    const logs = await output.ended;
    await probe.stop();
    return logs.trim().split(/\r?\n/);
  }

  test("it refuses to start without its PIN file: exit 2, one line naming the variable", async () => {
    const lines = await startOnce(
      outside.environment,
      outside.mounts.filter((m) => m.target !== "/run/secrets"),
    );
    assert.equal(lines.length, 2, lines.join("\n"));
    assert.match(lines[0] ?? "", /\bPKCS11_PIN(_FILE)?\b/);
    assert.equal(lines[1], "exit=2");
  });

  test("it refuses to start without its API clients file (production): exit 2, naming API_KEYS_FILE", async () => {
    const { API_KEYS_FILE: _omitted, ...environment } = outside.environment;
    const lines = await startOnce(environment);
    assert.equal(lines.length, 2, lines.join("\n"));
    assert.match(lines[0] ?? "", /\bAPI_KEYS_FILE\b/);
    assert.equal(lines[1], "exit=2");
  });

  test("unconfigured, it refuses to start: exit 2, one line naming a variable", async () => {
    const lines = await startOnce({}, []);
    assert.equal(lines.length, 2, lines.join("\n"));
    assert.match(lines[0] ?? "", /\b(PKCS11_MODULE|PKCS11_PIN|DCC_SIGNERS|UVCI_KEY|TAC_KEYS|API_KEYS_FILE)\b/);
    assert.equal(lines[1], "exit=2");
  });
}
