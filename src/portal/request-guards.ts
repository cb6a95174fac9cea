// The portal's gates, in the order they run: the caller's network (before any page or login), then for every
// state change its origin (a request from another site is refused, W3C Fetch Metadata `Sec-Fetch-Site`, or the
// `Origin` header of browsers without it: OWASP CSRF Prevention Cheat Sheet), then the agent's session.
import type { NextFunction, Request, Response } from "express";
import { RequestError } from "../errors.js";
import type { ClientAddress } from "../net/client-address.js";
import type { AllowedAddresses } from "./allowed-addresses.js";
import type { Session, SessionStore } from "./sessions.js";
import { sessionIdOf } from "./session-cookie.js";

export function allowedNetworks(allowed: AllowedAddresses, clientAddress: ClientAddress) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(allowed.allows(clientAddress(req)) ? undefined : new RequestError("ERR_PORTAL_ADDRESS"));
  };
}

function isSameOrigin(req: Request): boolean {
  const site = req.get("sec-fetch-site");
  if (site !== undefined) return site === "same-origin";
  // Behind a proxy that ends TLS the scheme the browser used is not this request's: the host decides.
  const origin = req.get("origin");
  return origin !== undefined && URL.canParse(origin) && new URL(origin).host === req.get("host");
}

export function sameOriginOnly() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(isSameOrigin(req) ? undefined : new RequestError("ERR_PORTAL_ORIGIN"));
  };
}

const SESSION = Symbol("portal session");

export function requireSession(sessions: SessionStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const session = sessions.touch(sessionIdOf(req));
    if (session === undefined) return next(new RequestError("ERR_PORTAL_SESSION"));
    (res.locals as Record<symbol, Session>)[SESSION] = session;
    next();
  };
}

export function sessionOf(res: Response): Session {
  const session = (res.locals as Record<symbol, Session | undefined>)[SESSION];
  if (session === undefined) throw new TypeError("requireSession did not run");
  return session;
}
