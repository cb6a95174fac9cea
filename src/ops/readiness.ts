// Readiness (docs/operations.md "Operations port"): ready when a pooled PKCS#11 session really signs.
// A verdict costs an HSM signature, so it is reused for READINESS_CACHE_SECONDS and concurrent probes
// share the one check in flight: probes cannot queue signatures behind conversions. From SIGTERM on,
// the verdict is "shutting down" at once, without asking the HSM (a load balancer stops routing).

export type ReadinessVerdict =
  { readonly ready: true } | { readonly ready: false; readonly code: "ERR_HSM_UNAVAILABLE" | "ERR_SHUTTING_DOWN" };

export interface Readiness {
  check(): Promise<ReadinessVerdict>;
  /** Not ready from now on (graceful shutdown). */
  stop(): void;
}

export interface ReadinessOptions {
  /** One real signature; rejects when the HSM cannot sign. */
  readonly probe: () => Promise<void>;
  readonly cacheSeconds: number;
  /** Called once per real probe with its outcome (the metric that shows what probes cost). */
  readonly onProbe?: (ready: boolean) => void;
  /** Milliseconds of a monotonic clock (tests hand in their own). */
  readonly now?: () => number;
}

const SHUTTING_DOWN: ReadinessVerdict = Object.freeze({ ready: false, code: "ERR_SHUTTING_DOWN" });
const READY: ReadinessVerdict = Object.freeze({ ready: true });
const UNAVAILABLE: ReadinessVerdict = Object.freeze({ ready: false, code: "ERR_HSM_UNAVAILABLE" });

export function createReadiness(options: ReadinessOptions): Readiness {
  const now = options.now ?? performance.now.bind(performance);
  let stopped = false;
  let cached: { readonly verdict: ReadinessVerdict; readonly until: number } | undefined;
  let inFlight: Promise<ReadinessVerdict> | undefined;

  const probeOnce = async (): Promise<ReadinessVerdict> => {
    const verdict = await options.probe().then(
      () => READY,
      () => UNAVAILABLE,
    );
    options.onProbe?.(verdict.ready);
    cached = { verdict, until: now() + options.cacheSeconds * 1000 };
    return verdict;
  };

  return {
    async check() {
      if (stopped) return SHUTTING_DOWN;
      if (cached !== undefined && now() < cached.until) return cached.verdict;
      inFlight ??= probeOnce().finally(() => {
        inFlight = undefined;
      });
      const verdict = await inFlight;
      return stopped ? SHUTTING_DOWN : verdict;
    },
    stop() {
      stopped = true;
    },
  };
}
