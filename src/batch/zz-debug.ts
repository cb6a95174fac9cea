import { Worker } from "node:worker_threads";
const api = import.meta.resolve("tsx/esm/api");
const target = "file:///work/main/src/batch/prepare-worker.ts";
const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
const w = new Worker(code, { eval: true, workerData: {} });
w.on("error", (e) => console.log("error", e));
w.on("message", (m) => console.log("msg", m));
w.on("exit", (c) => console.log("exit", c));
