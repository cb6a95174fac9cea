// PORTAL_AGENTS_FILE (README, "Border portal"): one agent a line, `ID:HASH` (password-hash.ts), `#` comments.
// Read afresh at each login, so `dcc-converter portal add-agent` takes effect without a restart; written by that
// command only, atomically (a temporary file renamed over it) and readable by its owner alone.
import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { isPasswordHash } from "./password-hash.js";

/** Agent identifiers: letters, digits and `._-`, as a directory's account names are. */
export const AGENT_ID = /^[a-z0-9][\w.-]{0,63}$/i;

export type Agents = ReadonlyMap<string, string>;

function parseAgents(text: string): Agents {
  const agents = new Map<string, string>();
  for (const [index, line] of text.split("\n").entries()) {
    const entry = line.trim();
    if (entry === "" || entry.startsWith("#")) continue;
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon);
    const hash = entry.slice(colon + 1);
    if (colon < 0 || !AGENT_ID.test(id) || !isPasswordHash(hash)) {
      throw new ConfigError("ERR_CONFIG", { field: `PORTAL_AGENTS_FILE line ${index + 1}` });
    }
    agents.set(id, hash);
  }
  return agents;
}

export function readAgents(path: string): Agents {
  return parseAgents(readFileSync(path, "utf8"));
}

/** Adds an agent or replaces its hash; the other lines stay as they are. */
export function writeAgent(path: string, id: string, hash: string): "added" | "reset" {
  const lines = existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
    : [];
  parseAgents(lines.join("\n")); // a broken file is refused, not rewritten
  const at = lines.findIndex((line) => line.trim().startsWith(`${id}:`));
  const entry = `${id}:${hash}`;
  if (at >= 0) lines[at] = entry;
  else lines.push(entry);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${lines.join("\n")}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return at >= 0 ? "reset" : "added";
}
