// Building the dependencies from the configuration, once, at start: trust store, value sets, mapping
// tables, the PKCS#11 key vault, the API clients. Anything missing or inconsistent stops the start.
import { readFileSync } from "node:fs";
import type { Config } from "./config.js";
import { systemClock, type Clock, type ConversionDeps } from "./convert.js";
import { ConfigError } from "./errors.js";
import { loadTrustStore, defaultTrustBundle, readTrustBundle } from "./twoddoc/trust-store.js";
import { loadValueSets } from "./dcc/value-sets.js";
import { loadMappingTables } from "./mapping/tables.js";
import { openKeyVault } from "./hsm/key-vault.js";
import { loadSignersFile } from "./hsm/signers-file.js";
import { loadApiClients, type ApiClients } from "./http/auth.js";
import { createPreparer, type PreparationConfig, type Preparer } from "./workers/prepare-pool.js";

export interface ServiceDeps {
  readonly conversion: ConversionDeps;
  /** Where the CPU stages of a conversion run (worker threads by default); closed with the vault. */
  readonly preparer: Preparer;
  readonly tablesVersion: string;
  readonly apiClients: ApiClients | undefined;
}

function readJsonObject(path: string, variable: string): Record<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new TypeError("not an object");
    if (!Object.values(parsed).every((v) => typeof v === "string")) throw new TypeError("not a string map");
    return parsed as Record<string, string>;
  } catch (cause) {
    throw new ConfigError("ERR_CONFIG", { field: variable, cause });
  }
}

/** The data every conversion needs, loaded without touching the HSM (also used by batch workers). */
export function loadPreparationData(config: PreparationConfig) {
  const trust = loadTrustStore(config.trustBundleFile === undefined ? defaultTrustBundle() : readTrustBundle(config.trustBundleFile));
  const valueSets = loadValueSets();
  const tables = loadMappingTables(config.mappingsDir, valueSets);
  const mapping = { issuer: config.issuers, positiveTest: config.positiveTest };
  return { trust, valueSets, tables, mapping };
}

export async function buildServiceDeps(
  config: Config,
  clock: Clock = systemClock,
  onHsmAvailabilityChange?: (available: boolean) => void,
): Promise<ServiceDeps> {
  const { trust, valueSets, tables, mapping } = loadPreparationData(config);
  // key-vault.ts: the PKCS#11 calls run in the vault thread, off the event loop (BENCHMARKS.md, "HSM signing");
  // that thread alone receives the PIN, and sets SOFTHSM2_CONF (development token) before it loads the module.
  const vault = await openKeyVault({
    modulePath: config.pkcs11.modulePath,
    pin: config.pkcs11.pin,
    signers: loadSignersFile(config.signersFile),
    uvciKeyUri: config.uvciKeyUri,
    keyAgreementKeys: readJsonObject(config.tacKeysFile, "TAC_KEYS"),
    sessionPoolSize: config.pkcs11.sessions,
    maxPending: config.hsmQueueMax,
    ...(config.pkcs11.softhsmConf === undefined ? {} : { softhsmConf: config.pkcs11.softhsmConf }),
    ...(onHsmAvailabilityChange === undefined ? {} : { onAvailabilityChange: onHsmAvailabilityChange }),
  });
  return {
    conversion: { trust, tables, mapping, vault, valueSets, clock, validity: config.validity },
    preparer: createPreparer(config, { trust, tables, mapping }),
    tablesVersion: tables.version,
    apiClients: config.apiKeysFile === undefined ? undefined : loadApiClients(config.apiKeysFile),
  };
}
