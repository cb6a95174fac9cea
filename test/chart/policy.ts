// Every policy check on a rendered chart (policy-pods.ts, policy-traffic.ts), as one list of violations.
import type { Manifest } from "./helm.js";
import type { PodSource } from "./network-policy.js";
import { containerHardening, noSecretValues, probesOnOperationsPort } from "./policy-pods.js";
import { portalDeployed } from "./policy-portal.js";
import { batchJobShape, dnsEgressLimited, drainAllowed, monitoringAdmitted, publicSurface } from "./policy-traffic.js";

export function policyViolations(objects: readonly Manifest[], namespace: string, prometheus: PodSource): string[] {
  return [
    ...containerHardening(objects),
    ...probesOnOperationsPort(objects),
    ...noSecretValues(objects),
    ...drainAllowed(objects),
    ...monitoringAdmitted(objects, namespace, prometheus),
    ...publicSurface(objects),
    ...batchJobShape(objects),
    ...dnsEgressLimited(objects),
    ...portalDeployed(objects),
  ];
}
