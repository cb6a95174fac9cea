// The security headers of every answer of the public port, as helmet's defaults define them (CSP, HSTS,
// nosniff, frame options …). helmet's default headers are constant, so they are read from it once, at start,
// and each answer sets the recorded list: the express app and the hot path (src/http/hot-path.ts) both call
// `setSecurityHeaders`, and the per-request cost is a few `setHeader` calls.
import type { ServerResponse } from "node:http";
import helmet from "helmet";

type HeaderList = ReadonlyArray<readonly [string, string]>;

/** The headers helmet's defaults set, recorded from one call of its middleware. */
function recordHelmetHeaders(): HeaderList {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let called = false;
  helmet()({} as never, recorder as never, () => {
    called = true;
  });
  // helmet's middleware is synchronous; a version that stopped calling `next` at once must not ship silently.
  if (!called) throw new TypeError("helmet did not set its headers synchronously");
  return Object.freeze([...headers].map(([name, value]) => Object.freeze([name, value] as const)));
}

const SECURITY_HEADERS = recordHelmetHeaders();

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
}

/** The same as an express middleware. */
export function securityHeaders() {
  return (_req: unknown, res: ServerResponse, next: () => void): void => {
    setSecurityHeaders(res);
    next();
  };
}
