// Agents' sessions, in memory (the portal keeps nothing on disk): a random 256-bit id a login, an idle and an
// absolute lifetime (OWASP Session Management Cheat Sheet, "Session Expiration"), ended at logout. A new id at each
// login (ibid., "Renew the Session ID After Any Privilege Level Change"): a login never reuses a session.
import { randomBytes } from "node:crypto";

export interface Session {
  readonly id: string;
  readonly agent: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  create(agent: string): Session;
  /** The live session of `id` (its idle clock restarted), or undefined when unknown or expired. */
  touch(id: string | undefined): Session | undefined;
  end(id: string | undefined): Session | undefined;
  readonly size: number;
}

export interface SessionLifetimes {
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
}

export function createSessionStore(lifetimes: SessionLifetimes, now: () => number): SessionStore {
  const sessions = new Map<string, Session>();
  const expired = (session: Session, at: number) =>
    at - session.lastSeenAt > lifetimes.idleSeconds * 1000 || at - session.createdAt > lifetimes.absoluteSeconds * 1000;
  const sweep = (at: number) => {
    for (const [id, session] of sessions) if (expired(session, at)) sessions.delete(id);
  };
  return {
    create(agent) {
      const at = now();
      sweep(at);
      const session: Session = { id: randomBytes(32).toString("base64url"), agent, createdAt: at, lastSeenAt: at };
      sessions.set(session.id, session);
      return session;
    },
    touch(id) {
      const session = id === undefined ? undefined : sessions.get(id);
      if (session === undefined) return undefined;
      const at = now();
      if (expired(session, at)) {
        sessions.delete(session.id);
        return undefined;
      }
      session.lastSeenAt = at;
      return session;
    },
    end(id) {
      const session = id === undefined ? undefined : sessions.get(id);
      if (session !== undefined) sessions.delete(session.id);
      return session;
    },
    get size() {
      return sessions.size;
    },
  };
}
