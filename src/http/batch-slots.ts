// The bound on concurrent batches (BATCH_MAX_CONCURRENT, docs/operations.md "Bounds"): each running batch
// holds a slot until its response closes; with every slot taken, a NEW batch is refused before any work
// with 503 ERR_OVERLOADED (field "batch") and Retry-After. A running batch is never cut short by it.
import type { Response } from "express";
import { RequestError } from "../errors.js";

export interface BatchSlots {
  /** Takes a slot for the life of `res`, or throws ERR_OVERLOADED. */
  take(res: Response): void;
}

export function batchSlots(max: number): BatchSlots {
  let running = 0;
  return {
    take(res) {
      if (running >= max) throw new RequestError("ERR_OVERLOADED", { field: "batch" });
      running += 1;
      res.once("close", () => { running -= 1; });
    },
  };
}
