// Policy checks on the border portal as deployed (docs/border-portal.md): its agents file from a Secret volume; its
// sessions, which live in one replica's memory, kept on one replica by the Service and by the Ingress; its Ingress
// restricted and behind a TRUST_PROXY of addresses (a hop count would let any direct caller name a Ministry address);
// the verifier's port never open to every source while the portal is on.
import type { Manifest } from "./helm.js";
import { rulesOpening, selects } from "./network-policy.js";

const of = (objects: readonly Manifest[], kind: string) => objects.filter((o) => o.kind === kind);
export const PORTAL_PATHS = ["/portal"];
const HASH_BY = "nginx.ingress.kubernetes.io/upstream-hash-by";
const COOKIE_AFFINITY = "nginx.ingress.kubernetes.io/affinity";

/** The environment a Deployment's first container takes from its ConfigMaps (envFrom). */
export function configOf(objects: readonly Manifest[], deployment: Manifest): Record<string, string> {
  const container = deployment["spec"]["template"]["spec"]["containers"][0];
  const names: string[] = (container["envFrom"] ?? []).map((source: Record<string, any>) => source["configMapRef"]?.["name"]);
  return Object.assign(
    {},
    ...of(objects, "ConfigMap")
      .filter((map) => names.includes(map.metadata.name))
      .map((map) => map["data"] ?? {}),
  );
}

/** The Deployments whose pods a Service selects. */
export function podsBehind(objects: readonly Manifest[], service: Manifest): Manifest[] {
  const selector = service["spec"]["selector"] as Record<string, string> | undefined;
  if (selector === undefined) return [];
  return of(objects, "Deployment").filter((d) => selects({ matchLabels: selector }, d["spec"]["template"]["metadata"]["labels"] ?? {}));
}

function agentsFromSecret(deployment: Manifest, agentsFile: string): string[] {
  const pod = deployment["spec"]["template"]["spec"];
  const mount = (pod["containers"][0]["volumeMounts"] ?? []).find((m: Record<string, any>) => agentsFile.startsWith(`${m["mountPath"]}/`));
  const volume = (pod["volumes"] ?? []).find((v: Record<string, any>) => v["name"] === mount?.["name"]);
  if (volume?.["secret"] === undefined) return ["PORTAL_AGENTS_FILE is not on a Secret volume"];
  return mount["subPath"] === undefined ? [] : ["the agents Secret is mounted by subPath: an update would not reach the pod"];
}

function sticky(objects: readonly Manifest[], deployment: Manifest): string[] {
  if ((deployment["spec"]["replicas"] ?? 1) <= 1) return [];
  const services = of(objects, "Service").filter((s) => podsBehind(objects, s).includes(deployment));
  const problems = services
    .filter((s) => s["spec"]["sessionAffinity"] !== "ClientIP")
    .map((s) => `Service/${s.metadata.name} spreads a portal session over the replicas (no ClientIP affinity)`);
  for (const ingress of portalIngresses(objects, services)) {
    const annotations = ingress.metadata.annotations ?? {};
    if (annotations[HASH_BY] === undefined && annotations[COOKIE_AFFINITY] === undefined) {
      problems.push(`Ingress/${ingress.metadata.name} spreads a portal session over the replicas (no upstream-hash-by or affinity)`);
    }
  }
  return problems;
}

function routes(ingress: Manifest): Array<Record<string, any>> {
  return (ingress["spec"]["rules"] as Array<Record<string, any>>).flatMap((rule) => rule["http"]["paths"] as Array<Record<string, any>>);
}

function portalIngresses(objects: readonly Manifest[], services: readonly Manifest[]): Manifest[] {
  const names = services.map((s) => s.metadata.name);
  return of(objects, "Ingress").filter((i) =>
    routes(i).some((p) => PORTAL_PATHS.includes(p["path"]) && names.includes(p["backend"]["service"]["name"])),
  );
}

function portPolicies(objects: readonly Manifest[], deployment: Manifest): string[] {
  const labels = deployment["spec"]["template"]["metadata"]["labels"] ?? {};
  const http = deployment["spec"]["template"]["spec"]["containers"][0]["ports"].find((p: Record<string, any>) => p["name"] === "http");
  return of(objects, "NetworkPolicy")
    .filter((policy) => selects(policy["spec"]["podSelector"], labels))
    .filter((policy) => rulesOpening(policy, { name: "http", number: http["containerPort"] }).some(({ from }) => (from ?? []).length === 0))
    .map((policy) => `NetworkPolicy/${policy.metadata.name} opens the portal's port to every source`);
}

function trustedProxy(objects: readonly Manifest[], deployment: Manifest, config: Record<string, string>): string[] {
  const services = of(objects, "Service").filter((s) => podsBehind(objects, s).includes(deployment));
  if (portalIngresses(objects, services).length === 0) return [];
  return /^\d+$/.test(config["TRUST_PROXY"] ?? "") || !config["TRUST_PROXY"]
    ? ["behind the portal's Ingress TRUST_PROXY must name the controller's addresses, not a hop count or nothing"]
    : [];
}

export function portalDeployed(objects: readonly Manifest[]): string[] {
  return of(objects, "Deployment").flatMap((deployment) => {
    const config = configOf(objects, deployment);
    if (config["PORTAL_AGENTS_FILE"] === undefined) return [];
    const own = [...agentsFromSecret(deployment, config["PORTAL_AGENTS_FILE"]), ...trustedProxy(objects, deployment, config)].map(
      (problem) => `Deployment/${deployment.metadata.name}: ${problem}`,
    );
    return [...own, ...sticky(objects, deployment), ...portPolicies(objects, deployment)];
  });
}
