// Policy checks on how the rendered objects fit together: a PodDisruptionBudget that still lets a node drain
// with the replica count the chart starts with; Prometheus admitted by the NetworkPolicy to the port the
// ServiceMonitor scrapes (and nothing else admitted to the operations port); the clients' Service and the
// Ingress without the operations port; the public Ingress with the public routes only, the back-office routes on an
// Ingress with a source allow-list (and the border portal's /portal on one too); TRUST_PROXY set for the pods behind
// each Ingress; batch pods outside every selector; DNS egress to named peers only.
import type { Manifest } from "./helm.js";
import { admits, rulesOpening, selects, type PodSource, type TargetPort } from "./network-policy.js";
import { podTemplates } from "./policy-pods.js";
import { configOf, podsBehind, PORTAL_PATHS } from "./policy-portal.js";

const of = (objects: readonly Manifest[], kind: string) => objects.filter((o) => o.kind === kind);

/** The public routes (docs/operations.md "Ingress"): nothing else goes through the public Ingress. */
export const PUBLIC_PATHS = ["/v1/conversions", "/v1/signers", "/api/", "/openapi.json", "/docs"];
/** The back-office routes: only through an Ingress that admits listed sources. */
export const BACKOFFICE_PATHS = ["/v1/conversions/batch", "/v1/certificates", "/v1/revocations"];
/** What an Ingress with a source allow-list may route: the back-office routes and the border portal. */
const RESTRICTED_PATHS = [...BACKOFFICE_PATHS, ...PORTAL_PATHS];
const SOURCE_RANGE = "nginx.ingress.kubernetes.io/whitelist-source-range";

export function drainAllowed(objects: readonly Manifest[]): string[] {
  const deployment = of(objects, "Deployment")[0];
  if (deployment === undefined) return [];
  const hpa = of(objects, "HorizontalPodAutoscaler")[0];
  const replicas: number = hpa?.["spec"]["minReplicas"] ?? deployment["spec"]["replicas"] ?? 1;
  return of(objects, "PodDisruptionBudget").flatMap((pdb) => {
    const spec = pdb["spec"];
    const percent = (value: string, roundUp: boolean) => (roundUp ? Math.ceil : Math.floor)((replicas * Number.parseInt(value, 10)) / 100);
    const disruptions =
      spec["maxUnavailable"] !== undefined
        ? typeof spec["maxUnavailable"] === "number"
          ? spec["maxUnavailable"]
          : percent(spec["maxUnavailable"], true)
        : replicas - (typeof spec["minAvailable"] === "number" ? spec["minAvailable"] : percent(spec["minAvailable"] ?? "100%", true));
    return disruptions >= 1
      ? []
      : [`PodDisruptionBudget/${pdb.metadata.name}: no pod may leave with ${replicas} replicas: a node drain blocks`];
  });
}

function servicePort(service: Manifest, containerPorts: Array<Record<string, any>>, portName: string): TargetPort | undefined {
  const port = (service["spec"]["ports"] as Array<Record<string, any>>).find((p) => p["name"] === portName);
  const target = port?.["targetPort"] ?? port?.["port"];
  const container = containerPorts.find((p) => p["name"] === target || p["containerPort"] === target);
  return container === undefined ? undefined : { name: container["name"], number: container["containerPort"] };
}

/** Prometheus reaches what the ServiceMonitor scrapes; the operations port admits Prometheus's namespace only. */
export function monitoringAdmitted(objects: readonly Manifest[], namespace: string, prometheus: PodSource): string[] {
  const deployment = of(objects, "Deployment")[0];
  if (deployment === undefined) return [];
  const podLabels = deployment["spec"]["template"]["metadata"]["labels"];
  const containerPorts = deployment["spec"]["template"]["spec"]["containers"][0]["ports"] ?? [];
  const policies = of(objects, "NetworkPolicy").filter((p) => selects(p["spec"]["podSelector"], podLabels));
  const ops = containerPorts.find((p: Record<string, any>) => p["name"] === "ops");
  const problems: string[] = [];
  for (const monitor of of(objects, "ServiceMonitor")) {
    const services = of(objects, "Service").filter((s) => selects(monitor["spec"]["selector"], s.metadata.labels ?? {}));
    if (services.length === 0) problems.push(`ServiceMonitor/${monitor.metadata.name} selects no Service`);
    for (const service of services) {
      for (const endpoint of monitor["spec"]["endpoints"] as Array<Record<string, any>>) {
        const port = servicePort(service, containerPorts, endpoint["port"]);
        if (port === undefined) {
          problems.push(`ServiceMonitor/${monitor.metadata.name}: Service/${service.metadata.name} has no port ${endpoint["port"]}`);
          continue;
        }
        if (port.name !== "ops") problems.push(`ServiceMonitor/${monitor.metadata.name} scrapes ${port.name}, not the operations port`);
        const blocked = policies.filter((policy) => !admits(policy, prometheus, port, namespace));
        for (const policy of blocked)
          problems.push(
            `NetworkPolicy/${policy.metadata.name} keeps Prometheus (${prometheus.namespace}) out of port ${port.name} the ServiceMonitor scrapes`,
          );
      }
    }
  }
  if (ops !== undefined) {
    const port = { name: ops["name"], number: ops["containerPort"] };
    for (const policy of policies) {
      for (const { from } of rulesOpening(policy, port)) {
        const onlyMonitoring =
          from !== undefined &&
          from.length > 0 &&
          from.every((peer) => peer["namespaceSelector"]?.["matchLabels"]?.["kubernetes.io/metadata.name"] === prometheus.namespace);
        if (!onlyMonitoring)
          problems.push(`NetworkPolicy/${policy.metadata.name} opens the operations port to sources outside ${prometheus.namespace}`);
      }
    }
  }
  return problems;
}

/** The clients' Service, the Ingress and every other Service selector keep to their own pods and ports. */
export function publicSurface(objects: readonly Manifest[]): string[] {
  const problems: string[] = [];
  for (const service of of(objects, "Service")) {
    const operations = service.metadata.labels?.["app.kubernetes.io/component"] === "operations";
    for (const port of service["spec"]["ports"] as Array<Record<string, any>>) {
      const isOps = port["targetPort"] === "ops" || port["name"] === "ops";
      if (isOps !== operations) problems.push(`Service/${service.metadata.name} mixes the operations and public ports`);
    }
    if (operations && service["spec"]["type"] !== "ClusterIP")
      problems.push(`Service/${service.metadata.name}: the operations Service leaves the cluster`);
    for (const { owner, labels } of podTemplates(objects).filter((p) => p.owner.startsWith("Job/"))) {
      if (selects({ matchLabels: service["spec"]["selector"] }, labels))
        problems.push(`Service/${service.metadata.name} selects the pods of ${owner}`);
    }
  }
  for (const ingress of of(objects, "Ingress")) {
    const paths = (ingress["spec"]["rules"] as Array<Record<string, any>>).flatMap(
      (rule) => rule["http"]["paths"] as Array<Record<string, any>>,
    );
    const restricted = (ingress.metadata.annotations?.[SOURCE_RANGE] ?? "") !== "";
    for (const path of paths) {
      if (restricted ? !RESTRICTED_PATHS.includes(path["path"]) : !PUBLIC_PATHS.includes(path["path"])) {
        problems.push(
          `Ingress/${ingress.metadata.name} routes ${path["path"]}, not a ${restricted ? "back-office or portal" : "public"} route`,
        );
      }
      if (path["backend"]["service"]["port"]["name"] !== "http")
        problems.push(`Ingress/${ingress.metadata.name} routes to a port other than http`);
    }
    if ((ingress["spec"]["tls"] ?? []).length === 0) problems.push(`Ingress/${ingress.metadata.name} has no TLS`);
    const backends = of(objects, "Service").filter((s) => paths.some((p) => p["backend"]["service"]["name"] === s.metadata.name));
    if (backends.flatMap((s) => podsBehind(objects, s)).some((deployment) => !configOf(objects, deployment)["TRUST_PROXY"])) {
      problems.push(`Ingress/${ingress.metadata.name}: TRUST_PROXY is not set, every client would share the proxy's address`);
    }
  }
  return problems;
}

/** The batch Job: Indexed, N shards run at once, each pod's shard K/N from its index, resuming on retry. */
export function batchJobShape(objects: readonly Manifest[]): string[] {
  return of(objects, "Job").flatMap((job) => {
    const spec = job["spec"];
    const args: string[] = spec["template"]["spec"]["containers"][0]["args"];
    const shard = args[args.indexOf("--shard") + 1] ?? "";
    const problems: string[] = [];
    if (spec["completionMode"] !== "Indexed") problems.push("not an Indexed Job");
    if (spec["completions"] !== spec["parallelism"]) problems.push("completions differ from parallelism");
    if (shard !== `$(JOB_COMPLETION_INDEX)/${spec["completions"]}`)
      problems.push(`--shard ${shard} does not match ${spec["completions"]} completions`);
    if (!args.includes("--resume")) problems.push("a retry would not resume (--resume)");
    if (!(spec["backoffLimitPerIndex"] >= 1))
      problems.push("a shard with refused lines exits 1: it needs a retry of its own (backoffLimitPerIndex)");
    return problems.map((problem) => `Job/${job.metadata.name}: ${problem}`);
  });
}

/** Every egress rule on port 53 names its peers (the cluster DNS): no DNS to any address, no tunnel over port 53. */
export function dnsEgressLimited(objects: readonly Manifest[]): string[] {
  return of(objects, "NetworkPolicy").flatMap((policy) =>
    (policy["spec"]["egress"] ?? []).flatMap((rule: Record<string, any>) => {
      const dns = (rule["ports"] ?? []).some((port: Record<string, any>) => port["port"] === 53);
      const peers: Array<Record<string, any>> = rule["to"] ?? [];
      const open =
        peers.length === 0 ||
        peers.some(
          (peer) =>
            ["0.0.0.0/0", "::/0"].includes(peer["ipBlock"]?.["cidr"]) ||
            (peer["namespaceSelector"] !== undefined && Object.keys(peer["namespaceSelector"]).length === 0),
        );
      return dns && open ? [`NetworkPolicy/${policy.metadata.name} allows DNS to any address`] : [];
    }),
  );
}
