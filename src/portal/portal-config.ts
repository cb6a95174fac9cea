// The border portal's configuration (README, "Border portal"): off unless both PORTAL_ALLOWED_CIDRS and
// PORTAL_AGENTS_FILE are set. One without the other is a mistake: production refuses to start, naming the missing
// variable; development starts with the portal off and says why (the caller logs `reason`).
import { Variables } from "../config/variables.js";
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

const NOTHING: AllowedAddresses = { allows: () => false };

/** Reads the portal's variables into `read` (which names every bad variable at its `done`). */
export function readPortalConfig(read: Variables, production: boolean): PortalSetting {
  const cidrs = read.text("PORTAL_ALLOWED_CIDRS", "");
  const agentsFile = read.text("PORTAL_AGENTS_FILE", "");
  if (cidrs === "" && agentsFile === "") return { portal: undefined, reason: undefined };
  const missing = cidrs === "" ? "PORTAL_ALLOWED_CIDRS" : agentsFile === "" ? "PORTAL_AGENTS_FILE" : undefined;
  if (missing !== undefined) {
    if (production) read.fail(missing, undefined);
    return { portal: undefined, reason: `${missing} is not set` };
  }
  return {
    portal: Object.freeze({
      allowed: parseAllowedAddresses(cidrs) ?? read.fail("PORTAL_ALLOWED_CIDRS", NOTHING),
      agentsFile: read.existingFile("PORTAL_AGENTS_FILE", agentsFile),
      clearSeconds: read.integer("PORTAL_CLEAR_SECONDS", 60, 1, 3600),
      defaultRuleSet: read.text("PORTAL_RULE_SET", "travel-FR"),
      idleSeconds: read.integer("PORTAL_SESSION_IDLE_MINUTES", 15, 1, 240) * 60,
      absoluteSeconds: read.integer("PORTAL_SESSION_HOURS", 10, 1, 24) * 3600,
      secureCookie: production,
    }),
  };
}

/** The portal's variables alone (tests, tools): throws the ConfigError naming every bad one. */
export function loadPortalConfig(env: Readonly<Record<string, string | undefined>>, production: boolean): PortalSetting {
  const read = new Variables(env);
  const setting = readPortalConfig(read, production);
  read.done();
  return setting;
}
