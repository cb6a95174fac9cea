// Bounds on concurrent requests (docs/operations.md "Bounds"): batches (BATCH_MAX_CONCURRENT), revocation requests,
// printed answers. A plain function over node:http's response: any router can call it. Each running request holds a slot until its response closes; with every slot taken, a NEW request is
// refused before any work — before its body is read — with 503 ERR_OVERLOADED (`field` names the bound) and
// Retry-After. A running request is never cut short by it.
import type { ServerResponse } from "node:http";
import { RequestError } from "../errors.js";
import type { OVERLOAD_QUEUES } from "../metrics.js";

export interface RequestSlots {
  /** Takes a slot for the life of `res`, or throws ERR_OVERLOADED naming the bound. */
  take(res: ServerResponse): void;
}

export function requestSlots(max: number, field: (typeof OVERLOAD_QUEUES)[number]): RequestSlots {
  let running = 0;
  return {
    take(res) {
      if (running >= max) throw new RequestError("ERR_OVERLOADED", { field });
      running += 1;
      res.once("close", () => {
        running -= 1;
      });
    },
  };
}
