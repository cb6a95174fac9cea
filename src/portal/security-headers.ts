// The portal's headers (README, "Border portal"; OWASP Secure Headers Project): a strict Content-Security-Policy —
// the portal's own script and style files only, nothing inline, no eval, no worker (so no service worker), no
// frame, forms and requests to its own origin, Trusted Types so the page's code cannot write markup from strings —
// and nothing kept: `Cache-Control: no-store` on every answer, no referrer.
import type { NextFunction, Request, Response } from "express";

export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

const HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": PORTAL_CSP,
  "Cache-Control": "no-store",
  Pragma: "no-cache",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()",
};

export function portalHeaders() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
    next();
  };
}

/** At logout (W3C Clear Site Data §3): the browser drops whatever it may hold for the portal's origin. */
export const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';
