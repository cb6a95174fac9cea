// Configuration (README.md, "Configuration"): parsed once from the environment, typed, frozen.
// No secret has a default in production; a missing or invalid value stops the start with one line
// naming the variable (ConfigError.field), never its value.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "./errors.js";
import { PKCS11_CALLS, type Pkcs11Calls } from "./hsm/operations.js";
import { parseTrustProxy, type TrustProxy } from "./net/trust-proxy.js";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..");
const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";

export interface Config {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** The operations listener (/healthz, /readyz, /metrics) on `host`; 0 = an ephemeral port. */
  readonly opsPort: number;
  /** Which proxies may name the client through X-Forwarded-For (src/net/trust-proxy.ts). */
  readonly trustProxy: TrustProxy;
  /** How long a readiness verdict (a real PKCS#11 signature) is reused. */
  readonly readinessCacheSeconds: number;
  /** After SIGTERM: readiness off, listeners still serving this long, then drain (docs/operations.md). */
  readonly shutdownDelaySeconds: number;
  readonly logLevel: string;
  readonly pkcs11: {
    readonly modulePath: string;
    readonly pin: string;
    readonly sessions: number;
    /** PKCS11_CALLS: C_Sign on the vault thread (`inline`) or on the libuv threadpool (`threadpool`). */
    readonly calls: Pkcs11Calls;
    /** The SOFTHSM2_CONF of the development token, set before the module loads; undefined otherwise. */
    readonly softhsmConf: string | undefined;
  };
  readonly signersFile: string;
  readonly uvciKeyUri: string;
  readonly tacKeysFile: string;
  readonly trustBundleFile: string | undefined;
  readonly apiKeysFile: string | undefined;
  readonly mappingsDir: string;
  readonly issuers: { readonly v: string; readonly t: string; readonly r: string };
  readonly positiveTest: "recovery" | "refuse";
  /** Signature validity by certificate type, in seconds (defaults 365 d, 72 h, 365 d). */
  readonly validity: { readonly v: number; readonly t: number; readonly r: number };
  readonly rateLimits: {
    /** TousAntiCovid public endpoints: requests per minute per client address (always on). */
    readonly tacPerMinute: number;
    /** Native API: requests per minute per API client; 0 = none (the development default). */
    readonly apiPerMinute: number;
  };
  /** Per batch: lines and bytes; across batches: how many run at once (past it, 503 ERR_OVERLOADED). */
  readonly batch: { readonly maxLines: number; readonly maxBytes: number; readonly maxConcurrent: number };
  /** Worker threads that run every conversion (src/workers/conversion-pool.ts); 0 = the main thread. */
  readonly conversionWorkers: number;
  /** REVOCATION_LIST, REVOCATION_UPLOAD_SIGNER (docs/revocation.md); undefined = nothing revoked / batches unsigned. */
  readonly revocation: { readonly listFile: string | undefined; readonly uploadSignerFile: string | undefined };
  /** Documents queued or in flight in the conversion workers beyond which a request gets 503 ERR_OVERLOADED. */
  readonly conversionQueueMax: number;
  /** PKCS#11 operations queued or in flight (vault thread and session pool) beyond which a request gets 503. */
  readonly hsmQueueMax: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function fail(variable: string, cause?: unknown): never {
  throw new ConfigError("ERR_CONFIG", cause === undefined ? { field: variable } : { field: variable, cause });
}

export function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) fail(variable);
  const value = Number(raw);
  if (value < min || value > max) fail(variable);
  return value;
}

export function text(env: Env, variable: string, fallback: string): string {
  const raw = env[variable];
  return raw === undefined || raw.trim() === "" ? fallback : raw.trim();
}

/** One of `choices`; the first is the default. */
function oneOf<T extends string>(env: Env, variable: string, choices: readonly [T, ...T[]]): T {
  const value = text(env, variable, choices[0]);
  const chosen = choices.find((choice) => choice === value);
  return chosen ?? fail(variable);
}

/** A required value in production; the development default otherwise. */
function required(env: Env, variable: string, production: boolean, devDefault: () => string): string {
  const raw = env[variable];
  if (raw !== undefined && raw.trim() !== "") return raw.trim();
  if (production) fail(variable);
  return devDefault();
}

function readSecretFile(path: string, variable: string): string {
  try {
    const value = readFileSync(path, "utf8").trim();
    if (value === "") fail(variable);
    return value;
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    return fail(variable, cause);
  }
}

function readPin(env: Env, production: boolean, devDir: string): string {
  const pin = env["PKCS11_PIN"];
  // Read once, then gone from the process environment, which child processes, worker threads and crash
  // reports copy; only the configuration object holds it. A PIN file's content never enters the environment.
  if (env === process.env) delete process.env["PKCS11_PIN"];
  if (pin !== undefined && pin !== "") return pin;
  const pinFile = env["PKCS11_PIN_FILE"];
  if (pinFile !== undefined && pinFile !== "") return readSecretFile(pinFile, "PKCS11_PIN_FILE");
  if (production) fail("PKCS11_PIN");
  return readSecretFile(resolve(devDir, "pin"), "PKCS11_PIN");
}

function existingFile(path: string, variable: string): string {
  if (!existsSync(path)) fail(variable);
  return path;
}

export function optionalFile(env: Env, variable: string): string | undefined {
  const path = text(env, variable, "");
  return path === "" ? undefined : existingFile(path, variable);
}

/**
 * REVOCATION_UPLOAD_SIGNER; unset: the development token's upload signer outside production when `hsm init` made
 * one (an older token without it leaves batches unsigned), none in production (docs/revocation.md).
 */
function uploadSignerFileOf(env: Env, production: boolean, devDir: string): string | undefined {
  const configured = optionalFile(env, "REVOCATION_UPLOAD_SIGNER");
  if (configured !== undefined || production) return configured;
  const development = resolve(devDir, "upload-signer.json");
  return existsSync(development) ? development : undefined;
}

/** Where the development token lives (`DCC_DEV_DIR`, default `.softhsm/` of the project). */
export function developmentDir(env: Env = process.env): string {
  return resolve(text(env, "DCC_DEV_DIR", resolve(PROJECT_ROOT, ".softhsm")));
}

/** DCC_SIGNERS, or the development token's signers outside production (read-only uses such as `verify`). */
export function signersFileOf(env: Env = process.env): string | undefined {
  const configured = env["DCC_SIGNERS"];
  if (configured !== undefined && configured.trim() !== "") return configured.trim();
  return env["NODE_ENV"] === "production" ? undefined : resolve(developmentDir(env), "signers.json");
}

export function loadConfig(env: Env = process.env): Config {
  const production = env["NODE_ENV"] === "production";
  const devDir = developmentDir(env);
  const usesDevToken = !production && (env["PKCS11_MODULE"] === undefined || env["PKCS11_MODULE"] === "");
  const positiveTest = oneOf(env, "POSITIVE_TEST", ["recovery", "refuse"]);
  const apiKeysFile = env["API_KEYS_FILE"];
  if (production && (apiKeysFile === undefined || apiKeysFile === "")) fail("API_KEYS_FILE");
  const trustBundle = env["TWODDOC_TRUST_BUNDLE"];
  const trustProxy = parseTrustProxy(env["TRUST_PROXY"]);
  if (trustProxy === undefined) fail("TRUST_PROXY");

  const config: Config = {
    production,
    port: integer(env, "PORT", 8080, 0, 65535),
    host: text(env, "HOST", production ? "0.0.0.0" : "127.0.0.1"),
    opsPort: integer(env, "OPS_PORT", 9090, 0, 65535),
    trustProxy,
    readinessCacheSeconds: integer(env, "READINESS_CACHE_SECONDS", 5, 0, 3600),
    shutdownDelaySeconds: integer(env, "SHUTDOWN_DELAY_SECONDS", production ? 5 : 0, 0, 600),
    logLevel: text(env, "LOG_LEVEL", "info"),
    pkcs11: {
      modulePath: existingFile(required(env, "PKCS11_MODULE", production, () => SOFTHSM_MODULE), "PKCS11_MODULE"),
      pin: readPin(env, production, devDir),
      sessions: integer(env, "PKCS11_SESSIONS", 8, 1, 64),
      calls: oneOf(env, "PKCS11_CALLS", PKCS11_CALLS),
      softhsmConf: usesDevToken ? text(env, "SOFTHSM2_CONF", resolve(devDir, "softhsm2.conf")) : env["SOFTHSM2_CONF"],
    },
    signersFile: existingFile(required(env, "DCC_SIGNERS", production, () => resolve(devDir, "signers.json")), "DCC_SIGNERS"),
    uvciKeyUri: required(env, "UVCI_KEY", production, () => readSecretFile(resolve(devDir, "uvci-key.uri"), "UVCI_KEY")),
    tacKeysFile: existingFile(required(env, "TAC_KEYS", production, () => resolve(devDir, "tac-keys.json")), "TAC_KEYS"),
    trustBundleFile: trustBundle === undefined || trustBundle === "" ? undefined : existingFile(trustBundle, "TWODDOC_TRUST_BUNDLE"),
    apiKeysFile: apiKeysFile === undefined || apiKeysFile === "" ? undefined : existingFile(apiKeysFile, "API_KEYS_FILE"),
    mappingsDir: text(env, "MAPPINGS_DIR", resolve(PROJECT_ROOT, "mappings")),
    issuers: {
      v: text(env, "DCC_ISSUER_VACCINATION", "CNAM"),
      t: text(env, "DCC_ISSUER_TEST", "SI-DEP"),
      r: text(env, "DCC_ISSUER_RECOVERY", "SI-DEP"),
    },
    positiveTest,
    validity: {
      v: integer(env, "DCC_VALIDITY_VACCINATION_DAYS", 365, 1, 730) * 86_400,
      t: integer(env, "DCC_VALIDITY_TEST_HOURS", 72, 1, 720) * 3_600,
      r: integer(env, "DCC_VALIDITY_RECOVERY_DAYS", 365, 1, 730) * 86_400,
    },
    rateLimits: {
      tacPerMinute: integer(env, "TAC_RATE_LIMIT_PER_MINUTE", 60, 1, 1_000_000),
      apiPerMinute: integer(env, "API_RATE_LIMIT_PER_MINUTE", production ? 60_000 : 0, 0, 100_000_000),
    },
    batch: {
      maxLines: integer(env, "BATCH_MAX_LINES", 5_000_000, 1, 100_000_000),
      maxBytes: integer(env, "BATCH_MAX_BYTES", 2 * 1024 ** 3, 1024, 64 * 1024 ** 3),
      maxConcurrent: integer(env, "BATCH_MAX_CONCURRENT", 4, 1, 1024),
    },
    conversionWorkers: integer(env, "CONVERSION_WORKERS", 2, 0, 64),
    revocation: {
      listFile: optionalFile(env, "REVOCATION_LIST"),
      uploadSignerFile: uploadSignerFileOf(env, production, devDir),
    },
    conversionQueueMax: integer(env, "CONVERSION_QUEUE_MAX", 4096, 1, 1_000_000),
    hsmQueueMax: integer(env, "HSM_QUEUE_MAX", 4096, 1, 1_000_000),
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === "object" && inner !== null) deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
