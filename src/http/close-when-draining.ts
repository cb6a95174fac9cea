// Keep-alive during a drain (docs/operations.md "Shutdown"): once the service drains, every response not
// yet sent says `Connection: close`, so Node ends its connection after it instead of leaving a
// keep-alive socket that would hold the drain open or take a new request the server no longer serves.
// `drainTracker` is the one implementation, called by the express middleware and the hot path.
import type { ServerResponse } from "node:http";

export type DrainTracker = (res: ServerResponse) => void;

export function drainTracker(stopping: AbortSignal): DrainTracker {
  const open = new Set<ServerResponse>();
  stopping.addEventListener(
    "abort",
    () => {
      for (const res of open) if (!res.headersSent) res.setHeader("Connection", "close");
    },
    { once: true },
  );
  return (res) => {
    if (stopping.aborted) {
      res.setHeader("Connection", "close");
      return;
    }
    open.add(res);
    res.once("close", () => open.delete(res));
  };
}

export function closeWhenDraining(stopping: AbortSignal) {
  const track = drainTracker(stopping);
  return (_req: unknown, res: ServerResponse, next: () => void): void => {
    track(res);
    next();
  };
}
