// Agents' login and logout (README, "Border portal"). The usage log gets one line for each — its outcome and, for
// an identifier in the agents file, the identifier — never a password or a mistyped identifier (which may be one).
import { setTimeout as wait } from "node:timers/promises";
import express, { Router, type Request, type Response } from "express";
import { addressBucket } from "../net/address-bucket.js";
import { AGENT_ID, readAgents } from "./agents-file.js";
import { checkPassword, DECOY_HASH } from "./password-hash.js";
import { loginPage, type LoginMessage } from "./pages.js";
import type { PortalDeps } from "./portal-deps.js";
import type { LoginGuard } from "./login-guard.js";
import { sameOriginOnly } from "./request-guards.js";
import { CLEAR_SITE_DATA } from "./security-headers.js";
import { clearSessionCookie, sessionIdOf, setSessionCookie } from "./session-cookie.js";
import type { SessionStore } from "./sessions.js";

const MAX_PASSWORD = 1024;
/** Password checks running at once (32 MiB of scrypt memory each): past it, a login is asked to retry. */
const MAX_CHECKS = 4;
/** The failure counts of identifiers that cannot exist share one key, so junk cannot fill the guard's memory. */
const MALFORMED_ID = "(malformed identifier)";

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}

function sendLogin(res: Response, status: number, message: LoginMessage): void {
  res.status(status).type("html").send(loginPage(message));
}

export function loginRoutes(deps: PortalDeps, sessions: SessionStore, guard: LoginGuard): Router {
  const router = Router();
  const log = (event: "login" | "logout", outcome: string, agent?: string) =>
    deps.logger.info({ channel: "border-portal", event, outcome, ...(agent === undefined ? {} : { agent }) }, `portal ${event}`);

  let checking = 0;
  router.post("/login", sameOriginOnly(), express.urlencoded({ extended: false, limit: "4kb" }), async (req: Request, res: Response) => {
    const typed = field(req.body, "agent").trim();
    const agent = AGENT_ID.test(typed) ? typed : MALFORMED_ID;
    const password = field(req.body, "password").slice(0, MAX_PASSWORD);
    const agents = readAgents(deps.config.agentsFile);
    const known = agents.has(agent);
    if (guard.lockedFor(agent) > 0) {
      log("login", "locked", known ? agent : undefined);
      res.setHeader("Retry-After", String(guard.lockedFor(agent)));
      return sendLogin(res, 429, "locked");
    }
    if (checking >= MAX_CHECKS) {
      res.setHeader("Retry-After", "1");
      return sendLogin(res, 503, "busy");
    }
    // An unknown identifier costs one scrypt too: the answer's time does not tell who exists.
    checking += 1;
    const matches = await checkPassword(password, agents.get(agent) ?? DECOY_HASH).finally(() => (checking -= 1));
    if (!known || !matches) {
      await wait(guard.fail(agent, addressBucket(deps.clientAddress(req))));
      const locked = guard.lockedFor(agent) > 0;
      log("login", locked ? "locked" : "failed", known ? agent : undefined);
      return sendLogin(res, locked ? 429 : 401, locked ? "locked" : "failed");
    }
    guard.succeed(agent);
    sessions.end(sessionIdOf(req)); // a new id at each login, never the one the browser came with
    setSessionCookie(res, sessions.create(agent).id, deps.config.secureCookie);
    log("login", "success", agent);
    res.redirect(303, "/portal/");
  });

  router.post("/logout", sameOriginOnly(), (req: Request, res: Response) => {
    const session = sessions.end(sessionIdOf(req));
    if (session !== undefined) log("logout", "success", session.agent);
    clearSessionCookie(res, deps.config.secureCookie);
    res.setHeader("Clear-Site-Data", CLEAR_SITE_DATA);
    res.redirect(303, "/portal/");
  });
  return router;
}
