// Clients of the native API (README, "Configuration"): API_KEYS_FILE lists clients by name, the SHA-256 of
// their key (never the key: keys are random 256-bit secrets, so a fast hash suffices) and their scopes.
// `Authorization: Bearer <key>`; the presented key is hashed and compared in constant time with every client.
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import type { NextFunction, Request, Response } from "express";
import { ConfigError, RequestError } from "../errors.js";
import { locals } from "./request-context.js";

export const SCOPES = ["convert", "batch", "issue", "revoke", "verify"] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiClient {
  readonly name: string;
  readonly keyHash: Buffer;
  readonly scopes: ReadonlySet<Scope>;
  /** Requests per minute for this client; undefined = the service default. */
  readonly ratePerMinute: number | undefined;
}

export interface ApiClients {
  authenticate(presentedKey: string): ApiClient | undefined;
  readonly size: number;
}

const CLIENT_NAME = /^[a-z0-9][a-z0-9-]{0,47}$/;
const KEY_HASH = /^sha256:([0-9a-f]{64})$/;

export function hashApiKey(key: string): string {
  return `sha256:${createHash("sha256").update(key, "utf8").digest("hex")}`;
}

function parseClient(entry: unknown, index: number): ApiClient {
  const field = `API_KEYS_FILE[${index}]`;
  if (typeof entry !== "object" || entry === null) throw new ConfigError("ERR_CONFIG", { field });
  const { name, keyHash, scopes, ratePerMinute } = entry as Record<string, unknown>;
  const hash = typeof keyHash === "string" ? KEY_HASH.exec(keyHash) : null;
  if (typeof name !== "string" || !CLIENT_NAME.test(name) || hash === null || !Array.isArray(scopes)
    || scopes.length === 0 || !scopes.every((s) => (SCOPES as readonly unknown[]).includes(s))
    || (ratePerMinute !== undefined && (!Number.isInteger(ratePerMinute) || (ratePerMinute as number) < 1))) {
    throw new ConfigError("ERR_CONFIG", { field });
  }
  return Object.freeze({
    name,
    keyHash: Buffer.from(hash[1]!, "hex"),
    scopes: new Set(scopes as Scope[]),
    ratePerMinute: ratePerMinute as number | undefined,
  });
}

export function loadApiClients(path: string): ApiClients {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: "API_KEYS_FILE", cause });
  }
  if (!Array.isArray(entries) || entries.length === 0) throw new ConfigError("ERR_CONFIG", { field: "API_KEYS_FILE" });
  const clients = entries.map(parseClient);
  if (new Set(clients.map((c) => c.name)).size !== clients.length) throw new ConfigError("ERR_CONFIG", { field: "API_KEYS_FILE" });
  return Object.freeze({
    size: clients.length,
    authenticate(presentedKey: string): ApiClient | undefined {
      const presented = createHash("sha256").update(presentedKey, "utf8").digest();
      let found: ApiClient | undefined;
      // Compare with every client, in constant time, without stopping at the first match.
      for (const client of clients) if (timingSafeEqual(presented, client.keyHash)) found = client;
      return found;
    },
  });
}

const BEARER = /^Bearer ([\x21-\x7e]{16,512})$/;

/** Middleware requiring a client with `scope`; open when no clients are configured (development). */
export function requireScope(clients: ApiClients | undefined, scope: Scope) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (clients === undefined) {
      next();
      return;
    }
    const header = req.header("authorization");
    if (header === undefined) throw new RequestError("ERR_AUTH_MISSING");
    const match = BEARER.exec(header);
    const client = match === null ? undefined : clients.authenticate(match[1]!);
    if (client === undefined) throw new RequestError("ERR_AUTH_INVALID");
    locals(res).client = client.name;
    if (!client.scopes.has(scope)) throw new RequestError("ERR_AUTH_SCOPE");
    res.locals["apiClient"] = client;
    next();
  };
}
