// The verifier's configuration (docs/verification.md; README "The verification service"): PORT, OPS_PORT, HOST, API_KEYS_FILE
// (scope `verify`), TRUST_PROXY, LOG_LEVEL, SHUTDOWN_DELAY_SECONDS mean what they mean for the converter, read by the
// same helpers; as its own process it takes its own values. It holds no key and needs no HSM. Development defaults:
// the bundled French 2D-DOC list and this package's development signers, so a conversion verifies out of the box.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { developmentDir, PROJECT_ROOT, serviceVariables, signersFileOf, type Env } from "../config.js";
import { Variables } from "../config/variables.js";
import type { TrustProxy } from "../net/trust-proxy.js";
import { readPortalConfig, type PortalSetting } from "../portal/portal-config.js";

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
  /** ICAO_CSCA (PEM); in development, when unset, the development token's CSCA when `hsm init` made it; undefined = none. */
  readonly icaoCscaFile: string | undefined;
  readonly revocationListFile: string | undefined;
  readonly rulesDir: string;
  readonly mappingsDir: string;
  /** A request may set its validation time outside production only (docs/verification.md). */
  readonly validationTimeAllowed: boolean;
  /** Worker threads that run the verifications (src/workers/verification-pool.ts); 0 = the main thread. */
  readonly verificationWorkers: number;
  /** Verifications queued or in flight in the workers beyond which a request gets 503 ERR_OVERLOADED. */
  readonly verificationQueueMax: number;
  /** The border portal (README, "Border portal"): on when PORTAL_ALLOWED_CIDRS and PORTAL_AGENTS_FILE are both set. */
  readonly portal: PortalSetting;
}

function dccTrustListOf(read: Variables, production: boolean): VerifierConfig["dccTrustList"] {
  const configured = read.optionalFile("DCC_TRUST_LIST");
  if (configured !== undefined) return { kind: "gateway", file: configured };
  const signers = production ? undefined : signersFileOf(read.env);
  return signers === undefined ? read.fail("DCC_TRUST_LIST", { kind: "gateway", file: "" }) : { kind: "signers", file: signers };
}

/** ICAO_CSCA, the converter's variable (src/config.ts); outside production, the development token's CSCA by default. */
function icaoCscaFileOf(read: Variables, production: boolean): string | undefined {
  const configured = read.optionalFile("ICAO_CSCA");
  if (configured !== undefined || production) return configured;
  const development = resolve(developmentDir(read.env), "icao-csca.pem");
  return existsSync(development) ? development : undefined;
}

/** The verifier's configuration, checked whole: one ConfigError names every bad variable (docs/configuration.md). */
export function loadVerifierConfig(env: Env = process.env): VerifierConfig {
  const read = new Variables(env);
  const production = env["NODE_ENV"] === "production";
  const config: VerifierConfig = {
    ...serviceVariables(read, production, { port: 8081, opsPort: 9091 }),
    apiPerMinute: read.integer("API_RATE_LIMIT_PER_MINUTE", production ? 60_000 : 0, 0, 100_000_000),
    trustBundleFile: read.optionalFile("TWODDOC_TRUST_BUNDLE"),
    dccTrustList: dccTrustListOf(read, production),
    icaoCscaFile: icaoCscaFileOf(read, production),
    revocationListFile: read.optionalFile("REVOCATION_LIST"),
    rulesDir: read.text("RULES_DIR", resolve(PROJECT_ROOT, "rules")),
    mappingsDir: read.text("MAPPINGS_DIR", resolve(PROJECT_ROOT, "mappings")),
    validationTimeAllowed: !production,
    verificationWorkers: read.integer("VERIFICATION_WORKERS", 2, 0, 64),
    verificationQueueMax: read.integer("VERIFICATION_QUEUE_MAX", 4096, 1, 1_000_000),
    portal: readPortalConfig(read, production),
  };
  read.done();
  return Object.freeze(config);
}
