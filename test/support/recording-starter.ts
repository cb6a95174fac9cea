// Wraps the function a pool or vault starts its threads with, so that a test sees every start: how many were
// attempted (a refused start is not retried, a dead thread is replaced once) and which threads (to end one).
export interface RecordingStarter<A, W> {
  readonly start: (argument: A) => W;
  /** Calls to `start`, counted before the thread is made (a start that throws counts too). */
  readonly attempts: () => number;
  /** Every thread started so far, in order. */
  readonly started: W[];
}

export function recordingStarter<A, W>(start: (argument: A) => W): RecordingStarter<A, W> {
  const started: W[] = [];
  let attempts = 0;
  return {
    started,
    attempts: () => attempts,
    start: (argument) => {
      attempts += 1;
      const thread = start(argument);
      started.push(thread);
      return thread;
    },
  };
}
