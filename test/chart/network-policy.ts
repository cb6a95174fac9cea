// What a NetworkPolicy admits (Kubernetes API reference, NetworkPolicySpec and NetworkPolicyPeer): a rule
// admits a source when one of its `from` peers matches it (no `from`: every source) on one of its `ports`
// (no `ports`: every port). A peer with namespaceSelector and podSelector needs both; namespaceSelector
// alone, every pod of the matched namespaces; podSelector alone, pods of the policy's own namespace. Only
// matchLabels is used by this chart; a matchExpressions selector is treated as matching nothing.
import type { Manifest } from "./helm.js";

export interface PodSource {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface TargetPort {
  readonly name: string;
  readonly number: number;
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;

export function selects(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return false;
  if ((selector.matchExpressions ?? []).length > 0) return false;
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

function namespaceLabels(namespace: string): Record<string, string> {
  // Kubernetes sets this label on every namespace (since 1.21).
  return { "kubernetes.io/metadata.name": namespace };
}

function peerAdmits(peer: Record<string, any>, source: PodSource, policyNamespace: string): boolean {
  if (peer["ipBlock"] !== undefined) return false; // pod-to-pod traffic is judged by selectors here
  const byNamespace =
    peer["namespaceSelector"] === undefined
      ? source.namespace === policyNamespace
      : selects(peer["namespaceSelector"], namespaceLabels(source.namespace));
  const byPod = peer["podSelector"] === undefined || selects(peer["podSelector"], source.labels);
  return byNamespace && byPod;
}

function portMatches(rulePorts: Array<Record<string, any>> | undefined, port: TargetPort): boolean {
  if (rulePorts === undefined || rulePorts.length === 0) return true;
  return rulePorts.some(
    (p) => (p["protocol"] ?? "TCP") === "TCP" && (p["port"] === undefined || p["port"] === port.name || p["port"] === port.number),
  );
}

/** Rules of the policy that open `port` at all, with whether they open it to every source. */
export function rulesOpening(policy: Manifest, port: TargetPort): Array<{ from: Array<Record<string, any>> | undefined }> {
  const rules: Array<Record<string, any>> = policy["spec"]?.["ingress"] ?? [];
  return rules.filter((rule) => portMatches(rule["ports"], port)).map((rule) => ({ from: rule["from"] }));
}

/** Whether `policy` (in `policyNamespace`) admits `source` to `port` of the pods it selects. */
export function admits(policy: Manifest, source: PodSource, port: TargetPort, policyNamespace: string): boolean {
  return rulesOpening(policy, port).some(
    ({ from }) => from === undefined || from.length === 0 || from.some((peer) => peerAdmits(peer, source, policyNamespace)),
  );
}
