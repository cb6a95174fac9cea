// Policy checks on the rendered pods (the service's Deployment and the batch Job), beyond what the
// Kubernetes schemas say: every container non-root with a read-only root file system, no capabilities, no
// privilege escalation, resources set; the service's probes on the operations port; no secret value in
// a ConfigMap or an `env` literal. Each check returns the violations it finds, one line each.
import type { Manifest } from "./helm.js";

/** A secret by its name: a PIN, password, token or secret (a *_FILE path to one is fine). */
const SECRET_NAME = /PIN|PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE/i;
/** RFC 7512 §2.3: a PKCS#11 URI may carry the PIN itself in `pin-value`. */
const PIN_IN_URI = /[?;&]pin-value=/i;

export function podTemplates(
  objects: readonly Manifest[],
): Array<{ owner: string; spec: Record<string, any>; labels: Record<string, string> }> {
  return objects
    .filter((o) => o.kind === "Deployment" || o.kind === "Job")
    .map((o) => ({
      owner: `${o.kind}/${o.metadata.name}`,
      spec: o["spec"]["template"]["spec"],
      labels: o["spec"]["template"]["metadata"]?.["labels"] ?? {},
    }));
}

function containersOf(spec: Record<string, any>): Array<Record<string, any>> {
  return [...(spec["initContainers"] ?? []), ...(spec["containers"] ?? [])];
}

export function containerHardening(objects: readonly Manifest[]): string[] {
  return podTemplates(objects).flatMap(({ owner, spec }) =>
    containersOf(spec).flatMap((container) => {
      const where = `${owner} container ${container["name"]}`;
      const pod = spec["securityContext"] ?? {};
      const own = container["securityContext"] ?? {};
      const problems: string[] = [];
      if ((own["runAsNonRoot"] ?? pod["runAsNonRoot"]) !== true) problems.push("runAsNonRoot is not true");
      const user = own["runAsUser"] ?? pod["runAsUser"];
      if (typeof user !== "number" || user === 0) problems.push("no numeric non-root runAsUser");
      if (own["readOnlyRootFilesystem"] !== true) problems.push("root file system is writable");
      if (own["allowPrivilegeEscalation"] !== false) problems.push("privilege escalation is allowed");
      if (own["privileged"] === true) problems.push("privileged");
      if (!(own["capabilities"]?.["drop"] ?? []).includes("ALL")) problems.push("capabilities are not dropped (ALL)");
      if ((own["capabilities"]?.["add"] ?? []).length > 0) problems.push("capabilities are added");
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (container["resources"]?.[kind]?.[resource] === undefined) problems.push(`resources.${kind}.${resource} is not set`);
        }
      }
      return problems.map((problem) => `${where}: ${problem}`);
    }),
  );
}

/** The service's probes all point at the operations port (OPS_PORT in its ConfigMap). */
export function probesOnOperationsPort(objects: readonly Manifest[]): string[] {
  const config = objects.find((o) => o.kind === "ConfigMap")?.["data"] ?? {};
  const opsPort = Number(config["OPS_PORT"]);
  return objects
    .filter((o) => o.kind === "Deployment")
    .flatMap((deployment) => {
      const container = deployment["spec"]["template"]["spec"]["containers"][0];
      const ports: Array<Record<string, any>> = container["ports"] ?? [];
      return ["startupProbe", "livenessProbe", "readinessProbe"].flatMap((probe) => {
        const target = container[probe]?.["httpGet"]?.["port"];
        const number = typeof target === "number" ? target : ports.find((p) => p["name"] === target)?.["containerPort"];
        if (number === undefined) return [`Deployment/${deployment.metadata.name}: no ${probe} on a declared port`];
        return number === opsPort ? [] : [`Deployment/${deployment.metadata.name}: ${probe} on port ${number}, not OPS_PORT ${opsPort}`];
      });
    });
}

/** No secret value in a ConfigMap, nor as a literal `env` value: secrets arrive by Secret reference only. */
export function noSecretValues(objects: readonly Manifest[]): string[] {
  const inConfigMaps = objects
    .filter((o) => o.kind === "ConfigMap")
    .flatMap((map) =>
      Object.entries((map["data"] ?? {}) as Record<string, string>)
        .filter(([key, value]) => (SECRET_NAME.test(key) && !key.endsWith("_FILE")) || PIN_IN_URI.test(value))
        .map(([key]) => `ConfigMap/${map.metadata.name}: ${key} looks like a secret value`),
    );
  const inEnv = podTemplates(objects).flatMap(({ owner, spec }) =>
    containersOf(spec).flatMap((container) =>
      ((container["env"] ?? []) as Array<Record<string, any>>)
        .filter(
          (entry) =>
            entry["value"] !== undefined &&
            ((SECRET_NAME.test(entry["name"]) && !entry["name"].endsWith("_FILE")) || PIN_IN_URI.test(entry["value"])),
        )
        .map((entry) => `${owner}: env ${entry["name"]} is a literal secret`),
    ),
  );
  return [...inConfigMaps, ...inEnv];
}
