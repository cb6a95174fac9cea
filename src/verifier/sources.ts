// What the verifier reads from files and reloads on change (docs/verification.md, "Trust and rules, reloaded"):
// TWODDOC_TRUST_BUNDLE, DCC_TRUST_LIST, ICAO_CSCA and the rule sets of RULES_DIR (REVOCATION_LIST: src/revocation/list-in-force.ts),
// each through the one reload machinery (src/reload/watched-source.ts): read through the bounded reader and checked at
// start (a broken one stops the start), re-read within seconds of a change, a broken, partial, too large or stuck
// version keeping the one in force. A source given by no file (the development defaults) is fixed. The verification
// workers parse what the main thread read (`sourceRaws`, `shareSources`, `pushedSources`). A new source is one more
// member of VerifierSources, FIELDS and `definitions` (its field and parse), and of `openSources` (its files).
import { readCertificateBundle } from "../cli/verify.js";
import { utf8, type FileBounds } from "../io/bounded-file.js";
import { loadSignersFile } from "../hsm/signers-file.js";
import { NO_CSCA, parseCscaList, type CscaList } from "../icao/csca-list.js";
import {
  fileSource,
  fixedSource,
  openSource,
  pushedSource,
  type PushedSource,
  type SourceObserver,
  type WatchedSource,
} from "../reload/watched-source.js";
import { parseRulesFolder, rulesFolderFiles, type RulesFolder } from "../rules/rules-folder.js";
import type { RuleSet } from "../rules/types.js";
import { dccTrustListOf, parseDccTrustList } from "../trust/dcc-trust-list.js";
import { defaultTrustBundle, loadTrustStore } from "../twoddoc/trust-store.js";
import type { TrustStore } from "../twoddoc/types.js";
import type { DccTrustList, VerificationDeps } from "../verification/types.js";
import type { VerifierConfig } from "./config.js";

/** A trust list or a rule set file is kilobytes to a few mebibytes (the EU gateway's whole DSC list is under 10 MiB). */
export const SOURCE_FILE_BOUNDS: FileBounds = { maxBytes: 64 * 1024 * 1024, timeoutMs: 20_000 };

export interface VerifierSources {
  readonly twoddocTrust: WatchedSource<TrustStore>;
  readonly dccTrust: WatchedSource<DccTrustList>;
  readonly icaoTrust: WatchedSource<CscaList>;
  readonly ruleSets: WatchedSource<ReadonlyMap<string, RuleSet>>;
}

export type SourceName = keyof VerifierSources;

/** ICAO_CSCA may be left out: no CSCA (every seal's signer untrusted). */
type VerifierConfigPart = Pick<VerifierConfig, "trustBundleFile" | "dccTrustList" | "rulesDir"> &
  Partial<Pick<VerifierConfig, "icaoCscaFile">>;

/** The variable each source is reported under (logs, `dcc_verifier_reloads_total{source}`). */
const FIELDS: Readonly<Record<SourceName, string>> = {
  twoddocTrust: "TWODDOC_TRUST_BUNDLE",
  dccTrust: "DCC_TRUST_LIST",
  icaoTrust: "ICAO_CSCA",
  ruleSets: "RULES_DIR",
};

/** Each file-backed source: its field and its parse. */
function definitions(config: VerifierConfigPart) {
  return {
    twoddocTrust: { field: FIELDS.twoddocTrust, parse: (raw: Uint8Array) => loadTrustStore(utf8(raw)) },
    dccTrust: { field: FIELDS.dccTrust, parse: (raw: Uint8Array) => parseDccTrustList(utf8(raw)) },
    icaoTrust: { field: FIELDS.icaoTrust, parse: (raw: Uint8Array) => parseCscaList(utf8(raw)) },
    ruleSets: { field: FIELDS.ruleSets, parse: (raw: RulesFolder) => parseRulesFolder(config.rulesDir, raw) },
  } as const;
}

/** What a source given by no file is (the development defaults): fixed. */
function developmentDefaults(config: VerifierConfigPart) {
  const { dccTrustList } = config;
  const signers = () => loadSignersFile(dccTrustList.file).flatMap((signer) => readCertificateBundle(signer.certificatePem, "DCC_SIGNERS"));
  return {
    twoddocTrust: () => fixedSource(loadTrustStore(defaultTrustBundle())),
    dccTrust: () => fixedSource(dccTrustListOf(signers())),
    icaoTrust: () => fixedSource(NO_CSCA),
  };
}

export async function openSources(config: VerifierConfigPart): Promise<VerifierSources> {
  const { trustBundleFile, dccTrustList, icaoCscaFile, rulesDir } = config;
  const defined = definitions(config);
  const defaults = developmentDefaults(config);
  const [twoddocTrust, dccTrust, icaoTrust, ruleSets] = await Promise.all([
    trustBundleFile === undefined
      ? defaults.twoddocTrust()
      : openSource({ ...defined.twoddocTrust, files: fileSource(trustBundleFile, SOURCE_FILE_BOUNDS) }),
    dccTrustList.kind === "gateway"
      ? openSource({ ...defined.dccTrust, files: fileSource(dccTrustList.file, SOURCE_FILE_BOUNDS) })
      : defaults.dccTrust(),
    icaoCscaFile === undefined
      ? defaults.icaoTrust()
      : openSource({ ...defined.icaoTrust, files: fileSource(icaoCscaFile, SOURCE_FILE_BOUNDS) }),
    openSource({ ...defined.ruleSets, files: rulesFolderFiles(rulesDir, SOURCE_FILE_BOUNDS) }),
  ]);
  return { twoddocTrust, dccTrust, icaoTrust, ruleSets };
}

/** What the file-backed sources in force were parsed from: what a verification worker starts with. */
export type SourceRaws = Partial<Record<SourceName, unknown>>;

const each = (sources: VerifierSources) => Object.entries(sources) as [SourceName, WatchedSource<unknown>][];

export function sourceRaws(sources: VerifierSources): SourceRaws {
  return Object.fromEntries(each(sources).flatMap(([name, source]) => (source.raw === undefined ? [] : [[name, source.raw()]])));
}

/** Calls `listener` after every swap of a file-backed source with what it was parsed from; returns the unsubscribe function. */
export function shareSources(sources: VerifierSources, listener: (name: SourceName, raw: unknown) => void): () => void {
  const unsubscribes = each(sources).map(([name, source]) => source.onSwap((_value, raw) => listener(name, raw)));
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}

export interface PushedSources extends VerifierSources {
  replace(name: SourceName, raw: unknown): void;
}

/**
 * A verification worker's sources: the file-backed ones parsed from what the main thread read (`raws`) and replaced
 * as it swaps (`replace`), so a worker reads no file and reaches the main thread's verdict; the others as there.
 */
export function pushedSources(config: VerifierConfigPart, raws: SourceRaws): PushedSources {
  const defined = definitions(config);
  const defaults = developmentDefaults(config);
  const pushed = <R, T>(raw: unknown, parse: (raw: R) => T) => pushedSource(raw as R, parse);
  const sources = {
    twoddocTrust: raws.twoddocTrust === undefined ? defaults.twoddocTrust() : pushed(raws.twoddocTrust, defined.twoddocTrust.parse),
    dccTrust: raws.dccTrust === undefined ? defaults.dccTrust() : pushed(raws.dccTrust, defined.dccTrust.parse),
    icaoTrust: raws.icaoTrust === undefined ? defaults.icaoTrust() : pushed(raws.icaoTrust, defined.icaoTrust.parse),
    ruleSets: pushed(raws.ruleSets, defined.ruleSets.parse),
  };
  return {
    ...sources,
    replace(name, raw) {
      const source: WatchedSource<unknown> | PushedSource<unknown> = sources[name];
      if ("replace" in source) source.replace(raw);
    },
  };
}

/** The verification core's dependencies: the sources' values in force at each call, with the parts that do not reload. */
export function depsInForce(sources: VerifierSources, fixed: Omit<VerificationDeps, SourceName>): () => VerificationDeps {
  return () => ({
    twoddocTrust: sources.twoddocTrust.current(),
    dccTrust: sources.dccTrust.current(),
    icaoTrust: sources.icaoTrust.current(),
    ruleSets: sources.ruleSets.current(),
    ...fixed,
  });
}

/** Starts every watch with its own observer (the service); `close` stops them. */
export function watchSources(sources: VerifierSources, observerOf: (field: string) => SourceObserver<unknown>): void {
  for (const [name, source] of each(sources)) source.watch(observerOf(FIELDS[name]));
}

export function closeSources(sources: VerifierSources): void {
  for (const [, source] of each(sources)) source.close();
}
