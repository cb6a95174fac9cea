// helmet's security headers, computed once. With the options it is given here helmet sets the same headers on
// every response and never reads the request, so its chain of a dozen middlewares runs once at start against a
// recording response and each request gets the recorded headers in one step (BENCHMARKS.md, "HTTP conversion
// endpoint": the chain cost ~25 µs a request).
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";

type Middleware = (req: Request, res: Response, next: (error?: unknown) => void) => void;

/** The headers `middleware` sets and removes, recorded once; it must finish synchronously without an error. */
export function recordedHeaders(middleware: Middleware): RequestHandler {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, value);
      removed.delete(name);
      return recorder;
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.add(name);
    },
  };
  let finished = false;
  middleware({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error !== undefined) throw error;
    finished = true;
  });
  if (!finished) throw new TypeError("the header middleware did not finish synchronously");
  const headers = [...set];
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/** helmet() with its defaults, recorded once. */
export function securityHeaders(): RequestHandler {
  return recordedHeaders(helmet() as unknown as Middleware);
}
