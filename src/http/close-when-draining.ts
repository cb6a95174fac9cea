// Keep-alive during a drain (docs/operations.md "Shutdown"): once the service drains, every response not
// yet sent says `Connection: close`, so Node ends its connection after it instead of leaving a
// keep-alive socket that would hold the drain open or take a new request the server no longer serves.
import type { NextFunction, Request, Response } from "express";

export function closeWhenDraining(stopping: AbortSignal) {
  const open = new Set<Response>();
  stopping.addEventListener("abort", () => {
    for (const res of open) if (!res.headersSent) res.setHeader("Connection", "close");
  }, { once: true });
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (stopping.aborted) {
      res.setHeader("Connection", "close");
    } else {
      open.add(res);
      res.once("close", () => open.delete(res));
    }
    next();
  };
}
