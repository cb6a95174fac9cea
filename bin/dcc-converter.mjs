#!/usr/bin/env node
// The dcc-converter binary. In a source checkout (src/ present, the development dependencies installed:
// tsx is one) it runs the TypeScript sources through tsx, so a stale build can never be run by mistake;
// otherwise it runs the compiled output in dist/ (`npm run build`). The container image runs dist/ directly.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src", "cli", "main.ts");
const compiled = join(root, "dist", "cli", "main.js");
if (existsSync(source) && existsSync(join(root, "node_modules", "tsx"))) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(source).href);
} else if (existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  process.stderr.write("dcc-converter: neither the sources with tsx (npm ci) nor dist/ (npm run build) are here\n");
  process.exitCode = 2;
}
