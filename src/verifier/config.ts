// The verifier's configuration (contract §10; README "The verification service"): PORT, OPS_PORT, HOST, API_KEYS_FILE
// (scope `verify`), TRUST_PROXY, LOG_LEVEL, SHUTDOWN_DELAY_SECONDS mean what they mean for the converter, read by the
// same helpers; as its own process it takes its own values. It holds no key and needs no HSM. Development defaults:
// the bundled French 2D-DOC list and this package's development signers, so a conversion verifies out of the box.
import { resolve } from "node:path";
import { fail, integer, optionalFile, PROJECT_ROOT, signersFileOf, text, type Env } from "../config.js";
import { parseTrustProxy, type TrustProxy } from "../net/trust-proxy.js";

export interface VerifierConfig {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly opsPort: number;
  readonly trustProxy: TrustProxy;
  readonly shutdownDelaySeconds: number;
  readonly logLevel: string;
  readonly apiKeysFile: string | undefined;
  readonly apiPerMinute: number;
  /** TWODDOC_TRUST_BUNDLE; undefined = the bundled French list. */
  readonly trustBundleFile: string | undefined;
  /** DCC_TRUST_LIST (EU gateway JSON); in development, when unset, the development signers' certificates. */
  readonly dccTrustList: { readonly kind: "gateway"; readonly file: string } | { readonly kind: "signers"; readonly file: string };
  readonly revocationListFile: string | undefined;
  readonly rulesDir: string;
  readonly mappingsDir: string;
  /** A request may set its validation time outside production only (contract §10). */
  readonly validationTimeAllowed: boolean;
}

function dccTrustListOf(env: Env, production: boolean): VerifierConfig["dccTrustList"] {
  const configured = optionalFile(env, "DCC_TRUST_LIST");
  if (configured !== undefined) return { kind: "gateway", file: configured };
  const signers = production ? undefined : signersFileOf(env);
  return signers === undefined ? fail("DCC_TRUST_LIST") : { kind: "signers", file: signers };
}

export function loadVerifierConfig(env: Env = process.env): VerifierConfig {
  const production = env["NODE_ENV"] === "production";
  const apiKeysFile = optionalFile(env, "API_KEYS_FILE");
  if (production && apiKeysFile === undefined) fail("API_KEYS_FILE");
  const trustProxy = parseTrustProxy(env["TRUST_PROXY"]);
  if (trustProxy === undefined) fail("TRUST_PROXY");
  return Object.freeze({
    production,
    port: integer(env, "PORT", 8081, 0, 65535),
    host: text(env, "HOST", production ? "0.0.0.0" : "127.0.0.1"),
    opsPort: integer(env, "OPS_PORT", 9091, 0, 65535),
    trustProxy,
    shutdownDelaySeconds: integer(env, "SHUTDOWN_DELAY_SECONDS", production ? 5 : 0, 0, 600),
    logLevel: text(env, "LOG_LEVEL", "info"),
    apiKeysFile,
    apiPerMinute: integer(env, "API_RATE_LIMIT_PER_MINUTE", production ? 60_000 : 0, 0, 100_000_000),
    trustBundleFile: optionalFile(env, "TWODDOC_TRUST_BUNDLE"),
    dccTrustList: dccTrustListOf(env, production),
    revocationListFile: optionalFile(env, "REVOCATION_LIST"),
    rulesDir: text(env, "RULES_DIR", resolve(PROJECT_ROOT, "rules")),
    mappingsDir: text(env, "MAPPINGS_DIR", resolve(PROJECT_ROOT, "mappings")),
    validationTimeAllowed: !production,
  });
}
