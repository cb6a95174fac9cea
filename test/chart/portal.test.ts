// The border portal in the chart (docs/border-portal.md "In the chart"): nothing of it unless configured; configured,
// its variables in the verifier's ConfigMap, the agents file from a Secret volume, sessions kept on one replica by the
// Service and by the Ingress, an internal Ingress with a source allow-list for /portal only, the NetworkPolicy opening
// the verifier's port to the portal's proxy and no one else; the schema's refusals of half a configuration; the policy
// checks (policy-portal.ts) catching each of these undone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { readChartJson, readChartYaml } from "./chart-files.js";
import { CHART_INPUTS, NAMESPACE, render, variation, type Manifest } from "./helm.js";
import { admits } from "./network-policy.js";
import { policyViolations } from "./policy.js";

const PROMETHEUS = { namespace: "monitoring", labels: {} };
const VERIFIER_ON = { files: [variation("verifier-on")] };
const PORTAL_ON = { files: [variation("verifier-on"), variation("portal-on")] };

const verifierObject = (objects: readonly Manifest[], kind: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === "dcc-dcc-converter-verifier")!;
const podOf = (objects: readonly Manifest[]) => verifierObject(objects, "Deployment")["spec"]["template"]["spec"];
const configOf = (objects: readonly Manifest[]) => verifierObject(objects, "ConfigMap")["data"] as Record<string, string>;
const portalIngress = (objects: readonly Manifest[]) => objects.find((o) => o.kind === "Ingress" && o.metadata.name.endsWith("-portal"));

test("the portal off (the default): no portal variable, Secret volume, affinity, Ingress or NetworkPolicy rule", () => {
  const objects = render(VERIFIER_ON);
  assert.deepEqual(
    Object.keys(configOf(objects)).filter((key) => key.startsWith("PORTAL_")),
    [],
  );
  const pod = podOf(objects);
  assert.equal(
    pod["volumes"].some((v: { name: string }) => v.name === "portal-agents"),
    false,
  );
  assert.equal(
    pod["containers"][0]["volumeMounts"].some((m: { name: string }) => m.name === "portal-agents"),
    false,
  );
  assert.equal(verifierObject(objects, "Service")["spec"]["sessionAffinity"], undefined);
  assert.equal(portalIngress(objects), undefined);
  assert.equal(verifierObject(objects, "NetworkPolicy")["spec"]["ingress"].length, 2, "API port and operations port only");
});

test("the portal on: its variables by the verifier's ConfigMap, the agents file from its Secret, nothing inline", () => {
  const objects = render(PORTAL_ON);
  const portal = Object.fromEntries(Object.entries(configOf(objects)).filter(([key]) => key.startsWith("PORTAL_")));
  assert.deepEqual(portal, {
    PORTAL_ALLOWED_CIDRS: "10.128.0.0/16,2001:db8:a0::/48",
    PORTAL_AGENTS_FILE: "/etc/dcc/portal-agents/agents.txt",
    PORTAL_CLEAR_SECONDS: "45",
    PORTAL_RULE_SET: "travel-FR",
    PORTAL_SESSION_IDLE_MINUTES: "20",
    PORTAL_SESSION_HOURS: "10",
  });
  const pod = podOf(objects);
  const container = pod["containers"][0];
  assert.deepEqual(container["envFrom"], [{ configMapRef: { name: "dcc-dcc-converter-verifier" } }]);
  assert.equal(container["env"], undefined, "no literal value beside the ConfigMap");
  assert.deepEqual(
    container["volumeMounts"].find((m: { name: string }) => m.name === "portal-agents"),
    { name: "portal-agents", mountPath: "/etc/dcc/portal-agents", readOnly: true },
    "a directory mount: no subPath",
  );
  assert.deepEqual(
    pod["volumes"].find((v: { name: string }) => v.name === "portal-agents"),
    {
      name: "portal-agents",
      secret: { secretName: "dcc-portal-agents", defaultMode: 0o440, items: [{ key: "agents.txt", path: "agents.txt" }] },
    },
  );
  assert.deepEqual(
    Object.values(configOf(objects)).filter((value) => value.includes("$scrypt$")),
    [],
  );
});

test("the portal on: the verifier's Service keeps a client address on one replica for a session's idle lifetime", () => {
  const service = verifierObject(render(PORTAL_ON), "Service")["spec"];
  assert.equal(service["sessionAffinity"], "ClientIP");
  assert.deepEqual(service["sessionAffinityConfig"], { clientIP: { timeoutSeconds: 20 * 60 } });
});

test("the portal's Ingress: /portal only, internal class, the allowed networks as source range, hashed by client address", () => {
  for (const input of [PORTAL_ON, CHART_INPUTS["values-production.yaml"]!]) {
    const objects = render(input);
    const ingress = portalIngress(objects)!;
    const cidrs = configOf(objects)["PORTAL_ALLOWED_CIDRS"];
    assert.equal(ingress["spec"]["ingressClassName"], "nginx-internal");
    assert.equal(ingress.metadata.annotations?.["nginx.ingress.kubernetes.io/whitelist-source-range"], cidrs);
    assert.equal(ingress.metadata.annotations?.["nginx.ingress.kubernetes.io/upstream-hash-by"], "$remote_addr");
    assert.deepEqual(ingress["spec"]["rules"][0]["http"]["paths"], [
      { path: "/portal", pathType: "Prefix", backend: { service: { name: "dcc-dcc-converter-verifier", port: { name: "http" } } } },
    ]);
    assert.equal(ingress["spec"]["tls"][0]["hosts"][0], ingress["spec"]["rules"][0]["host"]);
    assert.match(configOf(objects)["TRUST_PROXY"] ?? "", /^10\.20\.41\.0\/24$/, "the internal controller's addresses, not a hop count");
  }
  const production = configOf(render(CHART_INPUTS["values-production.yaml"]!));
  assert.equal(production["PORTAL_ALLOWED_CIDRS"], "10.128.0.0/14,172.22.0.0/16", "the production example configures the portal");
});

test("the portal on: the verifier's port admits the API's clients and the portal's proxy, no one else", () => {
  const policy = verifierObject(render(PORTAL_ON), "NetworkPolicy");
  const http = { name: "http", number: 8080 };
  const from = (namespace: string) => ({ namespace, labels: { "app.kubernetes.io/name": "ingress-nginx" } });
  assert.equal(admits(policy, from("ingress-nginx-internal"), http, NAMESPACE), true);
  assert.equal(admits(policy, from("border"), http, NAMESPACE), true);
  assert.equal(admits(policy, from("ingress-nginx"), http, NAMESPACE), false, "the public controller does not reach the portal");
  assert.equal(admits(policy, from(NAMESPACE), http, NAMESPACE), false);
  assert.deepEqual(
    policy["spec"]["egress"].flatMap((rule: { ports: { port: number }[] }) => rule.ports.map((p) => p.port)),
    [53, 53],
  );
});

test("the schema refuses half a portal configuration, either half, and a hop-count TRUST_PROXY behind its Ingress", () => {
  const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(readChartJson("values.schema.json") as object);
  const production = readChartYaml("values-production.yaml") as Record<string, any>;
  const changed = (change: (portal: Record<string, any>, verifier: Record<string, any>) => void) => {
    const values = structuredClone(production);
    change(values["verifier"]["portal"], values["verifier"]);
    return validate(values);
  };
  assert.equal(
    changed(() => undefined),
    true,
    JSON.stringify(validate.errors),
  );
  assert.equal(
    changed((portal) => {
      portal["allowedCidrs"] = [];
    }),
    false,
  );
  assert.equal(
    changed((portal) => {
      portal["agents"]["secretName"] = "";
    }),
    false,
  );
  assert.equal(
    changed((portal) => {
      portal["allowedCidrs"] = [];
      portal["agents"]["secretName"] = "";
    }),
    false,
    "its Ingress is still on",
  );
  assert.equal(
    changed((portal) => {
      portal["allowedCidrs"] = [];
      portal["agents"]["secretName"] = "";
      portal["ingress"]["enabled"] = false;
    }),
    true,
  );
  assert.equal(
    changed((_portal, verifier) => {
      verifier["trustProxy"] = "1";
    }),
    false,
  );
  assert.equal(
    changed((portal) => {
      portal["allowedCidrs"] = ["10.128.0.1"];
    }),
    false,
    "a CIDR block, as the controller's allow-list takes",
  );
});

/** Policy violations of the portal's chart after one change to the rendered objects. */
function broken(change: (objects: Manifest[]) => void): string[] {
  const objects = render(PORTAL_ON);
  change(objects);
  return policyViolations(objects, NAMESPACE, PROMETHEUS);
}

test("the policy checks pass on the portal's chart and catch each part undone", () => {
  assert.deepEqual(
    broken(() => undefined),
    [],
  );
  const cases: Array<[RegExp, (objects: Manifest[]) => void]> = [
    [
      /Service\/dcc-dcc-converter-verifier spreads a portal session/,
      (o) => {
        delete verifierObject(o, "Service")["spec"]["sessionAffinity"];
      },
    ],
    [
      /Ingress\/dcc-dcc-converter-verifier-portal spreads a portal session/,
      (o) => {
        delete portalIngress(o)!.metadata.annotations!["nginx.ingress.kubernetes.io/upstream-hash-by"];
      },
    ],
    [
      /PORTAL_AGENTS_FILE is not on a Secret volume/,
      (o) => {
        podOf(o)["volumes"].find((v: { name: string }) => v.name === "portal-agents")["secret"] = undefined;
      },
    ],
    [
      /mounted by subPath/,
      (o) => {
        podOf(o)["containers"][0]["volumeMounts"].find((m: { name: string }) => m.name === "portal-agents")["subPath"] = "agents.txt";
      },
    ],
    [
      /opens the portal's port to every source/,
      (o) => {
        delete verifierObject(o, "NetworkPolicy")["spec"]["ingress"][0]["from"];
      },
    ],
    [
      /TRUST_PROXY must name the controller's addresses/,
      (o) => {
        configOf(o)["TRUST_PROXY"] = "1";
      },
    ],
    [
      /routes \/portal, not a public route/,
      (o) => {
        delete portalIngress(o)!.metadata.annotations!["nginx.ingress.kubernetes.io/whitelist-source-range"];
      },
    ],
  ];
  for (const [expected, change] of cases) {
    const violations = broken(change);
    assert.ok(
      violations.some((v) => expected.test(v)),
      `${expected}: ${violations.join("\n")}`,
    );
  }
});
