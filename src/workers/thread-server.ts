// The thread side of thread-client.ts: runs `handle` on each request, and sends the replies that complete in the
// same loop iteration together (for the vault, the C_SignAsync callbacks of one poll phase). A failure crosses
// as its code and field only (src/errors.ts, errorReply): never a message, never a value.
import { parentPort } from "node:worker_threads";
import { errorReply, type ErrorCode } from "../errors.js";
import type { ThreadMessage, ThreadRequests } from "./thread-client.js";

type Reply<Res> = Extract<ThreadMessage<Res>, readonly unknown[]>[number];

function portOrThrow() {
  if (parentPort === null) throw new TypeError("this module runs in a worker thread only");
  return parentPort;
}

/**
 * Serves the requests arriving from the parent; a failure that is not a product error becomes `fallback` (fail
 * closed). Other messages (not a list of requests) are the thread's own business.
 */
export function serveRequests<Req, Res>(handle: (request: Req) => Res | Promise<Res>, fallback: ErrorCode): void {
  const port = portOrThrow();
  let outbox: Reply<Res>[] = [];
  const reply = (message: Reply<Res>) => {
    if (outbox.push(message) > 1) return;
    setImmediate(() => {
      const replies = outbox;
      outbox = [];
      port.postMessage(replies satisfies ThreadMessage<Res>);
    });
  };
  port.on("message", (requests: ThreadRequests<Req> | object) => {
    if (!Array.isArray(requests)) return;
    for (const { id, request } of requests as ThreadRequests<Req>) {
      let result: Res | Promise<Res>;
      try {
        result = handle(request);
      } catch (error) {
        reply({ id, ok: false, ...errorReply(error, fallback) });
        continue;
      }
      Promise.resolve(result).then(
        (value) => reply({ id, ok: true, value }),
        (error: unknown) => reply({ id, ok: false, ...errorReply(error, fallback) }),
      );
    }
  });
}

/** The thread cannot start (its data is refused): every call fails with this error, and it is not restarted. */
export function refuseToStart(error: unknown, fallback: ErrorCode): void {
  portOrThrow().postMessage({ fatal: errorReply(error, fallback) } satisfies ThreadMessage<never>);
}
