// The border portal's configuration (README, "Border portal"): off unless both PORTAL_ALLOWED_CIDRS and
// PORTAL_AGENTS_FILE are set. One without the other is a mistake: production refuses to start, naming the missing
// variable; development starts with the portal off and says why (the caller logs `reason`).
import { existsSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { parseAllowedAddresses, type AllowedAddresses } from "./allowed-addresses.js";

export interface PortalConfig {
  readonly allowed: AllowedAddresses;
  readonly agentsFile: string;
  /** PORTAL_CLEAR_SECONDS: a result stays on screen this long (default 60). */
  readonly clearSeconds: number;
  /** The rule set a scan is judged by unless the agent picks another (contract §10: `travel-FR`). */
  readonly defaultRuleSet: string;
  /** Session lifetimes: idle (PORTAL_SESSION_IDLE_MINUTES, default 15) and absolute (PORTAL_SESSION_HOURS, default 10). */
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
  /** The session cookie is `Secure` in production (served over TLS behind the proxy). */
  readonly secureCookie: boolean;
}

export type PortalSetting = { readonly portal: PortalConfig } | { readonly portal: undefined; readonly reason: string | undefined };

type Env = Readonly<Record<string, string | undefined>>;

function fail(variable: string): never {
  throw new ConfigError("ERR_CONFIG", { field: variable });
}

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable]?.trim() ?? "";
  if (raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) fail(variable);
  return Number(raw);
}

/** Reads the portal's variables; throws ConfigError naming the variable when a value is wrong. */
export function loadPortalConfig(env: Env, production: boolean): PortalSetting {
  const cidrs = env["PORTAL_ALLOWED_CIDRS"]?.trim() ?? "";
  const agentsFile = env["PORTAL_AGENTS_FILE"]?.trim() ?? "";
  if (cidrs === "" && agentsFile === "") return { portal: undefined, reason: undefined };
  const missing = cidrs === "" ? "PORTAL_ALLOWED_CIDRS" : agentsFile === "" ? "PORTAL_AGENTS_FILE" : undefined;
  if (missing !== undefined) {
    if (production) fail(missing);
    return { portal: undefined, reason: `${missing} is not set` };
  }
  const allowed = parseAllowedAddresses(cidrs) ?? fail("PORTAL_ALLOWED_CIDRS");
  if (!existsSync(agentsFile)) fail("PORTAL_AGENTS_FILE");
  return {
    portal: Object.freeze({
      allowed,
      agentsFile,
      clearSeconds: integer(env, "PORTAL_CLEAR_SECONDS", 60, 1, 3600),
      defaultRuleSet: env["PORTAL_RULE_SET"]?.trim() || "travel-FR",
      idleSeconds: integer(env, "PORTAL_SESSION_IDLE_MINUTES", 15, 1, 240) * 60,
      absoluteSeconds: integer(env, "PORTAL_SESSION_HOURS", 10, 1, 24) * 3600,
      secureCookie: production,
    }),
  };
}
