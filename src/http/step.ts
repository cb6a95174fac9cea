// A step of a request's handling as a plain function of node's request and response, so that the express app
// and the hot path (src/http/hot-path.ts) run the same code: it returns when the request may go on and throws
// (or rejects) with the refusal otherwise. `middleware` mounts one in express.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Step = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export function middleware(step: Step) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void | Promise<void> => {
    const done = step(req, res);
    if (done === undefined) {
      next();
      return undefined;
    }
    // express 5 passes a rejected promise of a middleware to the error handlers.
    return done.then(() => next());
  };
}
