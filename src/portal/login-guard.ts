// Failed logins (OWASP Authentication Cheat Sheet, "Protect Against Automated Attacks"): counted per identifier
// and per client address, in memory. An identifier — known or not, so a lock says nothing about who exists — is
// locked for LOCK_SECONDS after MAX_FAILURES failures in a row; an address that keeps failing is slowed: each of
// its failed answers waits longer (SLOW_AFTER free failures, then doubling, up to MAX_DELAY_MS). A success clears
// the identifier's count; an address's count fades after ADDRESS_WINDOW_SECONDS without failure.
export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
export const SLOW_AFTER = 3;
export const MAX_DELAY_MS = 10_000;
const ADDRESS_WINDOW_SECONDS = 15 * 60;

export interface LoginGuard {
  /** Seconds the identifier stays locked; 0 when it is not locked. */
  lockedFor(agent: string): number;
  /** Records a failure; returns how long the failed answer should wait (ms). */
  fail(agent: string, address: string): number;
  succeed(agent: string): void;
}

interface Count {
  failures: number;
  lastAt: number;
  lockedUntil: number;
}

export function createLoginGuard(now: () => number, baseDelayMs: number): LoginGuard {
  const agents = new Map<string, Count>();
  const addresses = new Map<string, Count>();
  const countOf = (map: Map<string, Count>, key: string, windowMs: number): Count => {
    const at = now();
    const count = map.get(key);
    if (count !== undefined && (count.lockedUntil > at || at - count.lastAt <= windowMs)) return count;
    const fresh = { failures: 0, lastAt: at, lockedUntil: 0 };
    map.set(key, fresh);
    return fresh;
  };
  const prune = (map: Map<string, Count>, windowMs: number) => {
    const at = now();
    for (const [key, count] of map) if (count.lockedUntil <= at && at - count.lastAt > windowMs) map.delete(key);
  };
  return {
    lockedFor(agent) {
      const count = agents.get(agent);
      return count === undefined ? 0 : Math.max(0, Math.ceil((count.lockedUntil - now()) / 1000));
    },
    fail(agent, address) {
      prune(agents, LOCK_SECONDS * 1000);
      prune(addresses, ADDRESS_WINDOW_SECONDS * 1000);
      const byAgent = countOf(agents, agent, LOCK_SECONDS * 1000);
      byAgent.failures += 1;
      byAgent.lastAt = now();
      if (byAgent.failures >= MAX_FAILURES) {
        byAgent.lockedUntil = now() + LOCK_SECONDS * 1000;
        byAgent.failures = 0;
      }
      const byAddress = countOf(addresses, address, ADDRESS_WINDOW_SECONDS * 1000);
      byAddress.failures += 1;
      byAddress.lastAt = now();
      const over = byAddress.failures - SLOW_AFTER;
      return over <= 0 ? 0 : Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.min(over - 1, 20));
    },
    succeed(agent) {
      agents.delete(agent);
    },
  };
}
