// Where the external test data lives (../shared/README.md): read in place, never copied.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const VECTORS_DIR = resolve(process.env["DCC_VECTORS_DIR"] ?? resolve(import.meta.dirname, "../../../shared/vectors"));

/** The vectors directory, or `undefined` after printing one clear line when it is absent. */
export function vectorsDir(suite: string): string | undefined {
  if (existsSync(VECTORS_DIR)) return VECTORS_DIR;
  console.log(`# ${suite}: external vectors not found at ${VECTORS_DIR} (set DCC_VECTORS_DIR); suite not run`);
  return undefined;
}
