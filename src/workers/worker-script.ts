// How to start a worker thread on one of our own modules, compiled or not.
// From a source checkout run through tsx, Node 20 does not apply the parent's `--import tsx` hooks to worker
// threads (measured: "Unknown file extension .ts"): the .ts module is then loaded behind a one-line bootstrap
// that registers tsx inside the worker first.
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { WorkerOptions } from "node:worker_threads";

export interface WorkerScript {
  readonly script: string | URL;
  readonly options: WorkerOptions;
}

/**
 * The worker named `name` (no extension) next to the module at `fromUrl` (its `import.meta.url`):
 * the sibling with the caller's own extension, so compiled code loads .js and a tsx checkout loads .ts.
 */
export function workerScript(fromUrl: string, name: string, workerData: unknown): WorkerScript {
  const url = new URL(`./${name}${extname(fileURLToPath(fromUrl))}`, fromUrl);
  if (!url.pathname.endsWith(".ts")) return { script: url, options: { workerData } };
  const tsx = import.meta.resolve("tsx/esm/api");
  const script = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script, options: { eval: true, workerData, execArgv: [] } };
}
