// Clients of the native API (README, "Configuration"): API_KEYS_FILE lists clients by name, the SHA-256 of
// their key (never the key: keys are random 256-bit secrets, so a fast hash suffices) and their scopes.
// `Authorization: Bearer <key>`; the presented key is hashed and compared in constant time with every client.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { configFileError, listOf, readConfigJson, someOf, text } from "../config/read-file.js";
import { RequestError } from "../errors.js";
import { locals } from "./request-context.js";
import { middleware } from "./step.js";

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

const VARIABLE = "API_KEYS_FILE";

interface ClientEntry {
  readonly name: string;
  readonly keyHash: string;
  readonly scopes: Scope[];
  readonly ratePerMinute?: number;
}

const CLIENTS_SCHEMA = listOf({
  required: ["name", "keyHash", "scopes"],
  properties: {
    name: text("^[a-z0-9][a-z0-9-]{0,47}$"),
    keyHash: text("^sha256:[0-9a-f]{64}$"),
    scopes: someOf(SCOPES),
    ratePerMinute: { type: "integer", minimum: 1 },
  },
});

export function hashApiKey(key: string): string {
  return `sha256:${createHash("sha256").update(key, "utf8").digest("hex")}`;
}

export function loadApiClients(path: string): ApiClients {
  const clients = readConfigJson<ClientEntry[]>(path, VARIABLE, CLIENTS_SCHEMA).map((entry): ApiClient =>
    Object.freeze({
      name: entry.name,
      keyHash: Buffer.from(entry.keyHash.slice("sha256:".length), "hex"),
      scopes: new Set(entry.scopes),
      ratePerMinute: entry.ratePerMinute,
    }),
  );
  if (new Set(clients.map((c) => c.name)).size !== clients.length) throw configFileError(VARIABLE);
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

/** The step (src/http/step.ts) requiring a client with `scope`; open when no clients are configured (development). */
export function authorize(clients: ApiClients | undefined, scope: Scope) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (clients === undefined) return;
    const header = req.headers.authorization;
    if (header === undefined) throw new RequestError("ERR_AUTH_MISSING");
    const match = BEARER.exec(header);
    const client = match === null ? undefined : clients.authenticate(match[1]!);
    if (client === undefined) throw new RequestError("ERR_AUTH_INVALID");
    locals(res).client = client.name;
    if (!client.scopes.has(scope)) throw new RequestError("ERR_AUTH_SCOPE");
    locals(res).apiClient = client;
  };
}

/** The same as an express middleware. */
export function requireScope(clients: ApiClients | undefined, scope: Scope) {
  return middleware(authorize(clients, scope));
}
