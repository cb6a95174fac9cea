// Every rendered object validated offline against the upstream Kubernetes OpenAPI schemas (kubernetes-models),
// and the Prometheus Operator's ServiceMonitor against its CRD schema (@kubernetes-models/prometheus-operator).
// The models ignore unknown fields: policy.ts checks what they cannot.
import { ConfigMap, Service, ServiceAccount } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import type { Manifest } from "./helm.js";

type Model = new (data: any) => { validate(): void };

const MODELS: Record<string, Model> = {
  "v1/ConfigMap": ConfigMap,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "apps/v1/Deployment": Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "batch/v1/Job": Job,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

/** One line per object that does not validate (or has no schema here): `Kind/name: reason`. */
export function schemaErrors(objects: readonly Manifest[]): string[] {
  return objects.flatMap((object) => {
    const where = `${object.kind}/${object.metadata.name}`;
    const model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (model === undefined) return [`${where}: no schema for ${object.apiVersion} ${object.kind}`];
    try {
      new model(object).validate();
      return [];
    } catch (error) {
      return [`${where}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}
