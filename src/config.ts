// Configuration (README.md, "Configuration"): parsed once from the environment, typed, frozen.
// No secret has a default in production; missing or invalid values stop the start with one line naming every
// such variable (ConfigError.field), never a value. How to add a variable: docs/configuration.md.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Variables } from "./config/variables.js";
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
  readonly logLevel: (typeof LOG_LEVELS)[number];
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
  /** ICAO_SIGNERS and ICAO_CSCA (docs/international-format.md); undefined = the international format is off. */
  readonly icao: { readonly signersFile: string; readonly cscaFile: string } | undefined;
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

/** pino's levels (LOG_LEVEL); the first is the default. */
const LOG_LEVELS = ["info", "fatal", "error", "warn", "debug", "trace", "silent"] as const;

function readPin(read: Variables, production: boolean, devDir: string): string {
  const pin = read.env["PKCS11_PIN"];
  // Read once, then gone from the process environment, which child processes, worker threads and crash
  // reports copy; only the configuration object holds it. A PIN file's content never enters the environment.
  if (read.env === process.env) delete process.env["PKCS11_PIN"];
  if (pin !== undefined && pin !== "") return pin;
  const pinFile = read.env["PKCS11_PIN_FILE"];
  if (pinFile !== undefined && pinFile !== "") return read.secretFile("PKCS11_PIN_FILE", pinFile);
  if (production) return read.fail("PKCS11_PIN", "");
  return read.secretFile("PKCS11_PIN", resolve(devDir, "pin"));
}

/** A file required in production; the development token's `devFile` otherwise. */
function requiredFile(read: Variables, variable: string, production: boolean, devFile: string): string {
  return read.existingFile(
    variable,
    read.required(variable, production, () => devFile),
  );
}

/**
 * REVOCATION_UPLOAD_SIGNER; unset: the development token's upload signer outside production when `hsm init` made
 * one (an older token without it leaves batches unsigned), none in production (docs/revocation.md).
 */
function uploadSignerFileOf(read: Variables, production: boolean, devDir: string): string | undefined {
  const configured = read.optionalFile("REVOCATION_UPLOAD_SIGNER");
  if (configured !== undefined || production) return configured;
  const development = resolve(devDir, "upload-signer.json");
  return existsSync(development) ? development : undefined;
}

/**
 * ICAO_SIGNERS with ICAO_CSCA, both or neither: half a configuration stops the start naming the variable that is
 * missing. Neither: the format is off in production; in development, the token's (`hsm init`) when it made them.
 */
function icaoConfigOf(read: Variables, production: boolean, devDir: string): Config["icao"] {
  const signersFile = read.optionalFile("ICAO_SIGNERS");
  const cscaFile = read.optionalFile("ICAO_CSCA");
  if (signersFile !== undefined && cscaFile !== undefined) return { signersFile, cscaFile };
  if (signersFile !== undefined) return read.fail("ICAO_CSCA", undefined);
  if (cscaFile !== undefined) return read.fail("ICAO_SIGNERS", undefined);
  const development = { signersFile: resolve(devDir, "icao-signers.json"), cscaFile: resolve(devDir, "icao-csca.pem") };
  return production || !existsSync(development.signersFile) || !existsSync(development.cscaFile) ? undefined : development;
}

/** Where the development token lives (`DCC_DEV_DIR`, default `.softhsm/` of the project). */
export function developmentDir(env: Env = process.env): string {
  return resolve(new Variables(env).text("DCC_DEV_DIR", resolve(PROJECT_ROOT, ".softhsm")));
}

/** DCC_SIGNERS, or the development token's signers outside production (read-only uses such as `verify`). */
export function signersFileOf(env: Env = process.env): string | undefined {
  const configured = env["DCC_SIGNERS"];
  if (configured !== undefined && configured.trim() !== "") return configured.trim();
  return env["NODE_ENV"] === "production" ? undefined : resolve(developmentDir(env), "signers.json");
}

/** ICAO_SIGNERS and ICAO_CSCA as the service reads them, for read-only uses such as `verify`; undefined = the format is off. */
export function icaoFilesOf(env: Env = process.env): Config["icao"] {
  const read = new Variables(env);
  const files = icaoConfigOf(read, env["NODE_ENV"] === "production", developmentDir(env));
  read.done();
  return files;
}

/** The variables every service process reads alike (the converter, the verifier), each with its own default ports. */
export function serviceVariables(read: Variables, production: boolean, ports: { readonly port: number; readonly opsPort: number }) {
  const apiKeysFile = read.optionalFile("API_KEYS_FILE");
  if (production && apiKeysFile === undefined) read.fail("API_KEYS_FILE", undefined);
  return {
    production,
    port: read.integer("PORT", ports.port, 0, 65535),
    host: read.text("HOST", production ? "0.0.0.0" : "127.0.0.1"),
    opsPort: read.integer("OPS_PORT", ports.opsPort, 0, 65535),
    trustProxy: parseTrustProxy(read.env["TRUST_PROXY"]) ?? read.fail("TRUST_PROXY", false),
    shutdownDelaySeconds: read.integer("SHUTDOWN_DELAY_SECONDS", production ? 5 : 0, 0, 600),
    logLevel: read.oneOf("LOG_LEVEL", LOG_LEVELS),
    apiKeysFile,
  };
}

/** The configuration, checked whole: a bad variable does not hide the next (one ConfigError names them all). */
export function loadConfig(env: Env = process.env): Config {
  const read = new Variables(env);
  const production = env["NODE_ENV"] === "production";
  const devDir = developmentDir(env);
  const usesDevToken = !production && (env["PKCS11_MODULE"] === undefined || env["PKCS11_MODULE"] === "");

  const config: Config = {
    ...serviceVariables(read, production, { port: 8080, opsPort: 9090 }),
    readinessCacheSeconds: read.integer("READINESS_CACHE_SECONDS", 5, 0, 3600),
    pkcs11: {
      modulePath: requiredFile(read, "PKCS11_MODULE", production, SOFTHSM_MODULE),
      pin: readPin(read, production, devDir),
      sessions: read.integer("PKCS11_SESSIONS", 8, 1, 64),
      calls: read.oneOf("PKCS11_CALLS", PKCS11_CALLS),
      softhsmConf: usesDevToken ? read.text("SOFTHSM2_CONF", resolve(devDir, "softhsm2.conf")) : env["SOFTHSM2_CONF"],
    },
    signersFile: requiredFile(read, "DCC_SIGNERS", production, resolve(devDir, "signers.json")),
    icao: icaoConfigOf(read, production, devDir),
    uvciKeyUri: read.required("UVCI_KEY", production, () => read.secretFile("UVCI_KEY", resolve(devDir, "uvci-key.uri"))),
    tacKeysFile: requiredFile(read, "TAC_KEYS", production, resolve(devDir, "tac-keys.json")),
    trustBundleFile: read.optionalFile("TWODDOC_TRUST_BUNDLE"),
    mappingsDir: read.text("MAPPINGS_DIR", resolve(PROJECT_ROOT, "mappings")),
    issuers: {
      v: read.text("DCC_ISSUER_VACCINATION", "CNAM"),
      t: read.text("DCC_ISSUER_TEST", "SI-DEP"),
      r: read.text("DCC_ISSUER_RECOVERY", "SI-DEP"),
    },
    positiveTest: read.oneOf("POSITIVE_TEST", ["recovery", "refuse"]),
    validity: {
      v: read.integer("DCC_VALIDITY_VACCINATION_DAYS", 365, 1, 730) * 86_400,
      t: read.integer("DCC_VALIDITY_TEST_HOURS", 72, 1, 720) * 3_600,
      r: read.integer("DCC_VALIDITY_RECOVERY_DAYS", 365, 1, 730) * 86_400,
    },
    rateLimits: {
      tacPerMinute: read.integer("TAC_RATE_LIMIT_PER_MINUTE", 60, 1, 1_000_000),
      apiPerMinute: read.integer("API_RATE_LIMIT_PER_MINUTE", production ? 60_000 : 0, 0, 100_000_000),
    },
    batch: {
      maxLines: read.integer("BATCH_MAX_LINES", 5_000_000, 1, 100_000_000),
      maxBytes: read.integer("BATCH_MAX_BYTES", 2 * 1024 ** 3, 1024, 64 * 1024 ** 3),
      maxConcurrent: read.integer("BATCH_MAX_CONCURRENT", 4, 1, 1024),
    },
    conversionWorkers: read.integer("CONVERSION_WORKERS", 2, 0, 64),
    revocation: {
      listFile: read.optionalFile("REVOCATION_LIST"),
      uploadSignerFile: uploadSignerFileOf(read, production, devDir),
    },
    conversionQueueMax: read.integer("CONVERSION_QUEUE_MAX", 4096, 1, 1_000_000),
    hsmQueueMax: read.integer("HSM_QUEUE_MAX", 4096, 1, 1_000_000),
  };
  read.done();
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === "object" && inner !== null) deepFreeze(inner as object);
  }
  return Object.freeze(value);
}
