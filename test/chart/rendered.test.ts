// What `helm template` renders, for the default values, the production example and every documented
// variation: each object valid against the Kubernetes API schemas (kube-schemas.ts) and clean under the
// policy checks (policy.ts). Deliberately broken inputs show that the checks catch what they are for,
// among them a ServiceMonitor switched on while the NetworkPolicy keeps Prometheus out.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CHART_INPUTS, NAMESPACE, render, variation, type ChartInput, type Manifest } from "./helm.js";
import { schemaErrors } from "./kube-schemas.js";
import { policyViolations } from "./policy.js";
import type { PodSource } from "./network-policy.js";
import { BACKOFFICE_PATHS, PUBLIC_PATHS } from "./policy-traffic.js";

/** Where the cluster's Prometheus runs (the chart's default and production values name it). */
const PROMETHEUS: PodSource = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };

const kinds = (objects: readonly Manifest[]) => objects.map((o) => o.kind).sort();
const find = (objects: readonly Manifest[], kind: string) => objects.filter((o) => o.kind === kind);

describe("rendered manifests: Kubernetes schemas and policy", () => {
  for (const [name, input] of Object.entries(CHART_INPUTS)) {
    test(name, () => {
      const objects = render(input);
      assert.ok(objects.length >= 6, `only ${objects.length} objects rendered`);
      assert.deepEqual(schemaErrors(objects), []);
      assert.deepEqual(policyViolations(objects, NAMESPACE, PROMETHEUS), []);
    });
  }
});

test("each variation renders what it documents", () => {
  assert.deepEqual(kinds(render()), [
    "ConfigMap",
    "Deployment",
    "HorizontalPodAutoscaler",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "Service",
    "Service",
    "ServiceAccount",
  ]);
  assert.equal(find(render({ files: [variation("servicemonitor-on")] }), "ServiceMonitor").length, 1);
  const fixed = render({ files: [variation("autoscaling-off")] });
  assert.equal(find(fixed, "HorizontalPodAutoscaler").length, 0);
  assert.equal(find(fixed, "Deployment")[0]?.["spec"]["replicas"], 3);
  const ingress = render({ files: [variation("ingress-on")] });
  const paths = find(ingress, "Ingress")[0]?.["spec"]["rules"][0]["http"]["paths"].map((p: Record<string, unknown>) => p["path"]);
  assert.deepEqual(paths, PUBLIC_PATHS);
  assert.equal(find(ingress, "ConfigMap")[0]?.["data"]["TRUST_PROXY"], "1");
  assert.equal(find(ingress, "Ingress").length, 1, "no back-office Ingress unless asked for");
  const batch = render({ files: [variation("batchjob-on")] });
  const job = find(batch, "Job")[0];
  assert.deepEqual([job?.["spec"]["completions"], job?.["spec"]["parallelism"]], [8, 8]);
  assert.equal(find(batch, "NetworkPolicy").length, 2);
});

// Regression: the production Ingress exposed all of /v1/ (batch, issuance, revocation behind an API key alone), and DNS
// egress was open to any address on port 53.
test("the public Ingress routes the public paths only; the back-office paths have their own Ingress with a source allow-list", () => {
  for (const input of [CHART_INPUTS["values-production.yaml"]!, { files: [variation("ingress-on"), variation("backoffice-on")] }]) {
    const ingresses = find(render(input), "Ingress");
    const pathsOf = (ingress: Manifest) =>
      ingress["spec"]["rules"][0]["http"]["paths"].map((p: Record<string, unknown>) => [p["path"], p["pathType"]]);
    const [publicIngress, backOffice] = [
      ingresses.find((i) => i.metadata.name === "dcc-dcc-converter")!,
      ingresses.find((i) => i.metadata.name.endsWith("-backoffice"))!,
    ];
    assert.deepEqual(pathsOf(publicIngress), [
      ["/v1/conversions", "Exact"],
      ["/v1/signers", "Exact"],
      ["/api/", "Prefix"],
      ["/openapi.json", "Exact"],
      ["/docs", "Exact"],
    ]);
    assert.deepEqual(
      pathsOf(backOffice),
      BACKOFFICE_PATHS.map((path) => [path, "Exact"]),
    );
    assert.equal(backOffice["spec"]["ingressClassName"], "nginx-internal");
    assert.match(backOffice.metadata.annotations?.["nginx.ingress.kubernetes.io/whitelist-source-range"] ?? "", /^10\.64\.0\.0\/12/);
  }
});

test("DNS egress goes to the cluster DNS pods only; the revocation list and upload signer come from their ConfigMaps", () => {
  for (const input of [{}, CHART_INPUTS["values-production.yaml"]!]) {
    const policy = find(render(input), "NetworkPolicy")[0]!;
    const dns = policy["spec"]["egress"].find((rule: Record<string, any>) =>
      rule["ports"].some((p: Record<string, unknown>) => p["port"] === 53),
    );
    assert.deepEqual(dns["to"], [
      {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
        podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
      },
    ]);
  }
  const objects = render({ files: [variation("ingress-on"), variation("backoffice-on")] });
  const data = find(objects, "ConfigMap")[0]?.["data"];
  assert.deepEqual(
    [data["REVOCATION_LIST"], data["REVOCATION_UPLOAD_SIGNER"]],
    ["/etc/dcc/revocation/revocation-list.txt", "/etc/dcc/upload-signer/upload-signer.json"],
  );
  const pod = find(objects, "Deployment")[0]!["spec"]["template"]["spec"];
  const mount = pod["containers"][0]["volumeMounts"].find((m: Record<string, unknown>) => m["name"] === "revocation-list");
  assert.deepEqual(mount, { name: "revocation-list", mountPath: "/etc/dcc/revocation", readOnly: true }, "a directory mount: no subPath");
  assert.deepEqual(pod["volumes"].find((v: Record<string, unknown>) => v["name"] === "revocation-list")["configMap"], {
    name: "dcc-converter-revocation-list",
  });
  assert.equal(find(render(), "ConfigMap")[0]?.["data"]["REVOCATION_LIST"], undefined, "nothing revoked by default");
});

test("the defaults: PIN from a mounted Secret file, the shutdown settings in the ConfigMap", () => {
  const objects = render();
  const container = find(objects, "Deployment")[0]?.["spec"]["template"]["spec"]["containers"][0];
  assert.deepEqual(container["env"], [{ name: "PKCS11_PIN_FILE", value: "/etc/dcc/hsm-pin/pin" }]);
  const data = find(objects, "ConfigMap")[0]?.["data"];
  assert.deepEqual(
    [data["OPS_PORT"], data["SHUTDOWN_DELAY_SECONDS"], data["READINESS_CACHE_SECONDS"], data["TRUST_PROXY"]],
    ["9090", "5", "5", undefined],
  );
});

test("the verifier: off by default; on, its own pods without key, PIN or HSM, probes on its ops port, DNS egress only", () => {
  assert.equal(render().filter((o) => o.metadata.name.endsWith("-verifier")).length, 0);
  const objects = render({ files: [variation("verifier-on")] });
  const deployment = find(objects, "Deployment").find((o) => o.metadata.name.endsWith("-verifier"))!;
  const pod = deployment["spec"]["template"]["spec"];
  const container = pod["containers"][0];
  assert.deepEqual(container["args"], ["verifier"]);
  assert.equal(container["env"], undefined, "no PIN, nothing from a Secret in the environment");
  assert.ok(!JSON.stringify(pod).includes("hsm"), "no HSM module or PIN volume");
  assert.deepEqual(pod["volumes"].find((v: { name: string }) => v.name === "rules")["configMap"]["items"][0], {
    key: "activity-1.json",
    path: "activity/1.json",
  });
  const config = find(objects, "ConfigMap").find((o) => o.metadata.name.endsWith("-verifier"))!["data"];
  assert.deepEqual(
    [config["DCC_TRUST_LIST"], config["RULES_DIR"], config["PKCS11_MODULE"]],
    ["/etc/dcc/dcc-trust/dcc-trust-list.json", "/etc/dcc/rules", undefined],
  );
  assert.deepEqual([config["VERIFICATION_WORKERS"], config["VERIFICATION_QUEUE_MAX"]], ["2", "4096"]);
  const policy = find(objects, "NetworkPolicy").find((o) => o.metadata.name.endsWith("-verifier"))!;
  assert.deepEqual(
    policy["spec"]["egress"].flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port)),
    [53, 53],
  );
  const services = find(objects, "Service");
  const converterService = services.find((o) => !o.metadata.name.endsWith("-verifier") && !o.metadata.name.endsWith("-ops"))!;
  const podLabels = deployment["spec"]["template"]["metadata"]["labels"] as Record<string, string>;
  const selects = (selector: Record<string, string>) => Object.entries(selector).every(([key, value]) => podLabels[key] === value);
  assert.equal(selects(converterService["spec"]["selector"]), false, "the converter's Service does not route to the verifier");
  assert.equal(selects(services.find((o) => o.metadata.name.endsWith("-verifier"))!["spec"]["selector"]), true);
});

/** The verifier's object of a kind. */
const verifierOf = (objects: readonly Manifest[], kind: string) => find(objects, kind).find((o) => o.metadata.name.endsWith("-verifier"))!;

test("the verifier's ICAO_CSCA: a directory mount of its ConfigMap exactly when verifier.icaoCsca.configMapName is set", () => {
  const icaoOf = (set: string[]) => {
    const objects = render({ files: [variation("verifier-on")], set });
    const pod = verifierOf(objects, "Deployment")["spec"]["template"]["spec"];
    const mounts: Array<Record<string, unknown>> = pod["containers"][0]["volumeMounts"];
    const bySubPath = mounts.filter((m) => m["subPath"] !== undefined);
    assert.deepEqual(bySubPath, [], "directory mounts only: an updated ConfigMap reaches the pod");
    return {
      variable: verifierOf(objects, "ConfigMap")["data"]["ICAO_CSCA"],
      mount: mounts.find((m) => m["name"] === "icao-csca"),
      volume: pod["volumes"].find((v: { name: string }) => v.name === "icao-csca"),
    };
  };
  assert.deepEqual(icaoOf([]), { variable: undefined, mount: undefined, volume: undefined });
  assert.deepEqual(icaoOf(["verifier.icaoCsca.configMapName=health-cscas"]), {
    variable: "/etc/dcc/icao-csca/icao-csca.pem",
    mount: { name: "icao-csca", mountPath: "/etc/dcc/icao-csca", readOnly: true },
    volume: { name: "icao-csca", configMap: { name: "health-cscas" } },
  });
  const renamed = icaoOf(["verifier.icaoCsca.configMapName=health-cscas", "verifier.icaoCsca.key=cscas.pem"]);
  assert.equal(renamed.variable, "/etc/dcc/icao-csca/cscas.pem");
});

test("the verifier's workers and queue bound: always in its ConfigMap, as set", () => {
  const config = verifierOf(render({ files: [variation("verifier-on")], set: ["verifier.workers=0", "verifier.queueMax=1"] }), "ConfigMap");
  assert.deepEqual([config["data"]["VERIFICATION_WORKERS"], config["data"]["VERIFICATION_QUEUE_MAX"]], ["0", "1"]);
});

test("PKCS11_CALLS: inline by default, threadpool in the production example (a network HSM)", () => {
  assert.equal(find(render(), "ConfigMap")[0]?.["data"]["PKCS11_CALLS"], "inline");
  assert.equal(find(render(CHART_INPUTS["values-production.yaml"]), "ConfigMap")[0]?.["data"]["PKCS11_CALLS"], "threadpool");
});

/** A rendered chart with one change made after rendering (what a careless template edit would produce). */
function broken(change: (objects: Manifest[]) => void, input: ChartInput = { files: [variation("servicemonitor-on")] }): string[] {
  const objects = render(input);
  change(objects);
  return policyViolations(objects, NAMESPACE, PROMETHEUS);
}

describe("the policy checks catch", () => {
  test("a ServiceMonitor on while the NetworkPolicy keeps Prometheus out (broken-monitoring.yaml)", () => {
    const violations = policyViolations(render({ files: [variation("broken-monitoring")] }), NAMESPACE, PROMETHEUS);
    assert.ok(
      violations.some((v) => /keeps Prometheus \(monitoring\) out of port ops/.test(v)),
      violations.join("\n"),
    );
  });

  test("the earlier chart's mistake: no NetworkPolicy rule for the scraped port", () => {
    const violations = broken((objects) => {
      const policy = find(objects, "NetworkPolicy")[0]!;
      policy["spec"]["ingress"] = policy["spec"]["ingress"].slice(0, 1);
    });
    assert.ok(
      violations.some((v) => /keeps Prometheus \(monitoring\) out of port ops/.test(v)),
      violations.join("\n"),
    );
  });

  test("the operations port opened to every source", () => {
    const violations = broken((objects) => {
      delete find(objects, "NetworkPolicy")[0]!["spec"]["ingress"][1]["from"];
    });
    assert.ok(
      violations.some((v) => /opens the operations port to sources outside monitoring/.test(v)),
      violations.join("\n"),
    );
  });

  test("a writable root file system, added capabilities, no limits, a probe on the public port", () => {
    const violations = broken((objects) => {
      const container = find(objects, "Deployment")[0]!["spec"]["template"]["spec"]["containers"][0];
      container["securityContext"]["readOnlyRootFilesystem"] = false;
      container["securityContext"]["capabilities"] = { add: ["NET_ADMIN"] };
      delete container["resources"]["limits"];
      container["readinessProbe"]["httpGet"]["port"] = "http";
    });
    for (const expected of [
      /root file system is writable/,
      /capabilities are not dropped/,
      /capabilities are added/,
      /resources\.limits\.cpu is not set/,
      /readinessProbe on port 8080, not OPS_PORT 9090/,
    ]) {
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${violations.join("\n")}`,
      );
    }
  });

  test("a PIN in the ConfigMap, in a PKCS#11 URI, or as an env literal", () => {
    const violations = broken((objects) => {
      find(objects, "ConfigMap")[0]!["data"]["HSM_PIN"] = "123456";
      find(objects, "ConfigMap")[0]!["data"]["UVCI_KEY"] = "pkcs11:token=dcc;object=uvci?pin-value=123456";
      find(objects, "Deployment")[0]!["spec"]["template"]["spec"]["containers"][0]["env"] = [{ name: "PKCS11_PIN", value: "123456" }];
    });
    for (const expected of [
      /HSM_PIN looks like a secret value/,
      /UVCI_KEY looks like a secret value/,
      /env PKCS11_PIN is a literal secret/,
    ]) {
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${violations.join("\n")}`,
      );
    }
  });

  test("a PodDisruptionBudget that blocks a drain at the default replica count", () => {
    const violations = broken((objects) => {
      find(objects, "PodDisruptionBudget")[0]!["spec"] = { minAvailable: 2, selector: {} };
    }, {});
    assert.ok(
      violations.some((v) => /a node drain blocks/.test(v)),
      violations.join("\n"),
    );
  });

  test("an Ingress routing /metrics, or without TRUST_PROXY; a Service selecting batch pods", () => {
    const violations = broken(
      (objects) => {
        find(objects, "Ingress")[0]!["spec"]["rules"][0]["http"]["paths"].push({
          path: "/metrics",
          pathType: "Exact",
          backend: { service: { name: "x", port: { name: "http" } } },
        });
        delete find(objects, "ConfigMap")[0]!["data"]["TRUST_PROXY"];
        find(objects, "Service")[0]!["spec"]["selector"] = { "app.kubernetes.io/instance": "dcc" };
      },
      { files: [variation("ingress-on"), variation("batchjob-on")] },
    );
    for (const expected of [/routes \/metrics, not a public route/, /TRUST_PROXY is not set/, /selects the pods of Job\//]) {
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${violations.join("\n")}`,
      );
    }
  });

  test("DNS egress to any address; a back-office route on the public Ingress; a public route on the back-office one", () => {
    const violations = broken(
      (objects) => {
        const dns = find(objects, "NetworkPolicy")[0]!["spec"]["egress"].find((rule: Record<string, any>) =>
          rule["ports"].some((p: Record<string, unknown>) => p["port"] === 53),
        );
        delete dns["to"];
        const ingresses = find(objects, "Ingress");
        const [publicIngress, backOffice] = [
          ingresses.find((i) => !i.metadata.name.endsWith("-backoffice")),
          ingresses.find((i) => i.metadata.name.endsWith("-backoffice")),
        ];
        publicIngress!["spec"]["rules"][0]["http"]["paths"].push({
          path: "/v1/revocations",
          pathType: "Exact",
          backend: { service: { name: "x", port: { name: "http" } } },
        });
        backOffice!["spec"]["rules"][0]["http"]["paths"].push({
          path: "/api/",
          pathType: "Prefix",
          backend: { service: { name: "x", port: { name: "http" } } },
        });
      },
      { files: [variation("ingress-on"), variation("backoffice-on")] },
    );
    for (const expected of [
      /allows DNS to any address/,
      /routes \/v1\/revocations, not a public route/,
      /routes \/api\/, not a back-office or portal route/,
    ]) {
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${violations.join("\n")}`,
      );
    }
  });

  test("a batch Job whose shard count differs from its completions", () => {
    const violations = broken(
      (objects) => {
        find(objects, "Job")[0]!["spec"]["parallelism"] = 2;
      },
      { files: [variation("batchjob-on")] },
    );
    assert.ok(
      violations.some((v) => /completions differ from parallelism/.test(v)),
      violations.join("\n"),
    );
  });

  test("an object the Kubernetes schema refuses", () => {
    const objects = render();
    find(objects, "Deployment")[0]!["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "8080";
    assert.match(schemaErrors(objects).join("\n"), /Deployment\/dcc-dcc-converter: .*containerPort must be integer/);
  });
});
