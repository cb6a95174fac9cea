// Where the external test data lives: read in place, never copied. Only the runners in test/vectors/ use
// it; every other suite stands on its own fixtures (test/support/).
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const VECTORS_DIR = resolve(process.env["DCC_VECTORS_DIR"] ?? resolve(import.meta.dirname, "../../../shared/vectors"));

/** `CI` set to anything but "", "0" or "false", as CI services set it. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env["CI"] ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}

/**
 * The vectors directory. When it is absent: with `CI` set, throws (the runner's file fails, and so does the
 * run); otherwise prints one line saying the suite is skipped and returns `undefined`.
 */
export function vectorsDir(suite: string): string | undefined {
  if (existsSync(VECTORS_DIR)) return VECTORS_DIR;
  const missing = `${suite}: external vectors not found at ${VECTORS_DIR} (set DCC_VECTORS_DIR)`;
  if (isCi()) throw new Error(`${missing}; CI is set, so a missing vector directory fails the run`);
  console.log(`# ${missing}; suite skipped`);
  return undefined;
}
