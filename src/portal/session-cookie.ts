// The agent's session cookie (OWASP Session Management Cheat Sheet, "Cookies"): HttpOnly, SameSite=Strict, path
// /portal/, `Secure` in production; no Max-Age, so it ends with the browser too. In production the `__Host-` prefix
// (RFC 6265bis §4.1.3.2) would need path `/`, which would send it to the API as well: the name stays plain.
import type { Request, Response } from "express";

export const SESSION_COOKIE = "dcc_portal_session";
const PATH = "/portal/";

export function sessionIdOf(req: Request): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || undefined;
  }
  return undefined;
}

export function setSessionCookie(res: Response, id: string, secure: boolean): void {
  res.append("Set-Cookie", `${SESSION_COOKIE}=${id}; Path=${PATH}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`);
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append("Set-Cookie", `${SESSION_COOKIE}=; Path=${PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`);
}
