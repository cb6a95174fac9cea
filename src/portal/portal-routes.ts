// `/portal/` on the verifier (README, "Border portal"): the headers of every answer and the network gate first, then
// the pages, the login, the scan and the page's two files. Mounted only when the portal is configured.
import { readFileSync } from "node:fs";
import { Router, type Request, type Response } from "express";
import { RequestError } from "../errors.js";
import { createLoginGuard } from "./login-guard.js";
import { loginRoutes } from "./login-routes.js";
import { loginPage, scanPage } from "./pages.js";
import type { PortalDeps } from "./portal-deps.js";
import { allowedNetworks } from "./request-guards.js";
import { scanRoute } from "./scan-route.js";
import { portalHeaders } from "./security-headers.js";
import { sessionIdOf } from "./session-cookie.js";
import { createSessionStore } from "./sessions.js";

const ASSETS = new URL("../../assets/portal/", import.meta.url);
const FILES = {
  "portal.js": { type: "text/javascript; charset=utf-8", body: readFileSync(new URL("portal.js", ASSETS)) },
  "portal.css": { type: "text/css; charset=utf-8", body: readFileSync(new URL("portal.css", ASSETS)) },
} as const;

/** The first slowed failed login of an address waits this long, then twice as long each time (login-guard.ts). */
const FIRST_DELAY_MS = 1000;

export function portalRoutes(deps: PortalDeps): Router {
  const sessions = createSessionStore(deps.config, deps.now);
  const guard = createLoginGuard(deps.now, FIRST_DELAY_MS);
  const router = Router();
  router.use("/portal", portalHeaders(), allowedNetworks(deps.config.allowed, deps.clientAddress));
  router.get("/portal/", (req: Request, res: Response) => {
    // Without strict routing `/portal` reaches this route too: send it to the page's own address first.
    if (!req.originalUrl.startsWith("/portal/")) return res.redirect(301, "/portal/");
    const session = sessions.touch(sessionIdOf(req));
    const page =
      session === undefined
        ? loginPage()
        : scanPage({
            agent: session.agent,
            ruleSets: deps.verifier.ruleSets(),
            defaultRuleSet: deps.config.defaultRuleSet,
            clearSeconds: deps.config.clearSeconds,
          });
    res.type("html").send(page);
  });
  router.get("/portal/assets/:file", (req: Request, res: Response) => {
    const name = String(req.params["file"]);
    const file = Object.hasOwn(FILES, name) ? FILES[name as keyof typeof FILES] : undefined;
    if (file === undefined) throw new RequestError("ERR_NOT_FOUND");
    res.type(file.type).send(file.body);
  });
  router.use("/portal", loginRoutes(deps, sessions, guard), scanRoute(deps, sessions));
  return router;
}
