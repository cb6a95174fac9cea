// Building the dependencies from the configuration, once, at start: trust store, value sets, mapping
// tables, the PKCS#11 key vault, the API clients. Anything missing or inconsistent stops the start.
import type { Config } from "./config.js";
import { systemClock, type Clock, type ConversionDeps } from "./convert.js";
import { readConfigJson } from "./config/read-file.js";
import { openKeyVault } from "./hsm/key-vault.js";
import type { KeyVault } from "./hsm/types.js";
import { loadSignersFile } from "./hsm/signers-file.js";
import { loadApiClients, type ApiClients } from "./http/auth.js";
import { createConverter, loadPreparationData, type Converter } from "./workers/conversion-pool.js";
import { emptyRevocationList, openRevocationList, type RevocationList } from "./revocation/list-in-force.js";
import { hsmUploadSigner, readUploadSignerFile } from "./revocation/upload-signer.js";
import type { CmsSigner } from "./revocation/cms.js";
import type { SealConversionDeps } from "./icao/convert-seal.js";
import { loadSealTrust, type SealTrustConfig } from "./icao/seal-signers-file.js";

/** The conversion's dependencies on the main thread, with the whole vault (TousAntiCovid v2, signers, probe). */
export type MainConversionDeps = ConversionDeps & SealConversionDeps & { readonly vault: KeyVault };

export interface ServiceDeps {
  readonly conversion: MainConversionDeps;
  /** Where conversions run (worker threads by default); closed with the vault. */
  readonly converter: Converter;
  readonly tablesVersion: string;
  readonly apiClients: ApiClients | undefined;
  /** REVOCATION_LIST in force (also `conversion.revocations`); the service starts its watch, then closes it. */
  readonly revocationList: RevocationList;
  /** ICAO_SIGNERS and ICAO_CSCA as loaded; undefined = the international format is off. */
  readonly sealTrust: SealTrustConfig | undefined;
  /** Signs revocation batches as CMS (REVOCATION_UPLOAD_SIGNER); undefined = batches are returned unsigned. */
  readonly uploadSigner: CmsSigner | undefined;
}

// TAC_KEYS (docs/tousanticovid.md): TousAntiCovid v2 key alias → PKCS#11 URI of its private key.
const TAC_KEYS_SCHEMA = { type: "object", additionalProperties: { type: "string" } };

export async function buildServiceDeps(
  config: Config,
  clock: Clock = systemClock,
  onHsmAvailabilityChange?: (available: boolean) => void,
): Promise<ServiceDeps> {
  const { trust, valueSets, tables, mapping, sealTables } = loadPreparationData(config);
  const sealTrust = config.icao === undefined ? undefined : loadSealTrust(config.icao);
  const revocationList =
    config.revocation.listFile === undefined ? emptyRevocationList() : await openRevocationList(config.revocation.listFile);
  const uploadSigner = readUploadSignerFile(config.revocation.uploadSignerFile);
  // key-vault.ts: the PKCS#11 calls run in the vault thread, off the event loop (BENCHMARKS.md, "HSM signing");
  // that thread alone receives the PIN, and sets SOFTHSM2_CONF (development token) before it loads the module.
  const vault = await openKeyVault({
    modulePath: config.pkcs11.modulePath,
    pin: config.pkcs11.pin,
    signers: loadSignersFile(config.signersFile),
    ...(sealTrust === undefined ? {} : { sealSigners: sealTrust.signers }),
    uvciKeyUri: config.uvciKeyUri,
    keyAgreementKeys: readConfigJson<Record<string, string>>(config.tacKeysFile, "TAC_KEYS", TAC_KEYS_SCHEMA),
    sessionPoolSize: config.pkcs11.sessions,
    maxPending: config.hsmQueueMax,
    calls: config.pkcs11.calls,
    ...(uploadSigner === undefined ? {} : { uploadSigner }),
    ...(config.pkcs11.softhsmConf === undefined ? {} : { softhsmConf: config.pkcs11.softhsmConf }),
    ...(onHsmAvailabilityChange === undefined ? {} : { onAvailabilityChange: onHsmAvailabilityChange }),
  });
  const preparation = { trust, tables, mapping, sealTables };
  const conversion = { ...preparation, vault, valueSets, clock, validity: config.validity, revocations: revocationList };
  return {
    conversion,
    converter: createConverter(config, conversion, { vault, revocations: revocationList }),
    tablesVersion: tables.version,
    apiClients: config.apiKeysFile === undefined ? undefined : loadApiClients(config.apiKeysFile),
    revocationList,
    sealTrust,
    uploadSigner: hsmUploadSigner(vault),
  };
}

/**
 * Releases what buildServiceDeps opened, in the one order that is safe: the revocation watch first, then the
 * conversion workers (their PKCS#11 calls run on the vault's connection), then the vault, which finalises the library.
 */
export async function releaseServiceDeps(deps: ServiceDeps): Promise<void> {
  deps.revocationList.close();
  await deps.converter.close();
  await deps.conversion.vault.close();
}
