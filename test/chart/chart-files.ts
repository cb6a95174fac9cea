// Reading the Helm chart as files (no rendering): its values files as data, the `.Values.*` paths its
// templates use, and which values keys carry a comment.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { CHART_DIR } from "./helm.js";

export function readChartYaml(name: string): unknown {
  return yaml.load(readFileSync(join(CHART_DIR, name), "utf8"));
}

export function readChartJson(name: string): unknown {
  return JSON.parse(readFileSync(join(CHART_DIR, name), "utf8")) as unknown;
}

export function readTemplate(name: string): string {
  return readFileSync(join(CHART_DIR, "templates", name), "utf8");
}

/** Every distinct `.Values.a.b.c` path written in templates/, with the template that uses it. */
export function templateValuePaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const name of readdirSync(join(CHART_DIR, "templates")).sort()) {
    for (const match of readTemplate(name).matchAll(/\.Values((?:\.[A-Za-z_]\w*)+)/g)) {
      const path = (match[1] ?? "").slice(1);
      if (!paths.has(path)) paths.set(path, name);
    }
  }
  return paths;
}

/** Whether `path` (dot-separated) names a key present in a parsed YAML mapping. */
export function hasPath(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * The dotted paths of values.yaml keys whose line comes right after a comment line (block-style YAML,
 * two-space indentation: the chart's .yamllint enforces both). Sequence items end the walk of their parent.
 */
export function commentedKeys(text: string): Set<string> {
  const documented = new Set<string>();
  const stack: { indent: number; key: string }[] = [];
  let previousWasComment = false;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const comment = /^\s*#/.test(line);
    const key = /^(\s*)([A-Z_][\w-]*):(?:\s|$)/i.exec(line);
    if (key !== null) {
      const indent = (key[1] ?? "").length;
      while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= indent) stack.pop();
      stack.push({ indent, key: key[2] ?? "" });
      if (previousWasComment) documented.add(stack.map((entry) => entry.key).join("."));
    }
    previousWasComment = comment;
  }
  return documented;
}

interface SchemaNode {
  readonly properties?: Record<string, SchemaNode>;
}

/** Paths of the schema's leaves: properties that are not themselves described property by property. */
export function schemaLeafPaths(schema: SchemaNode, prefix = ""): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return child.properties === undefined ? [path] : schemaLeafPaths(child, path);
  });
}
