// What the verifier reads from files and reloads on change (docs/verification.md, "Trust and rules, reloaded"): TWODDOC_TRUST_BUNDLE,
// DCC_TRUST_LIST, ICAO_CSCA, the rule sets of RULES_DIR and REVOCATION_LIST, each through the one reload machinery
// (src/reload/watched-source.ts): read and checked at start (a broken one stops the start), re-read within seconds of
// a change, a broken version keeping the one in force. A source given by no file (the development defaults) is fixed.
import { readFile } from "node:fs/promises";
import { readCertificateBundle } from "../cli/verify.js";
import { readConfigText } from "../config/read-file.js";
import { loadSignersFile } from "../hsm/signers-file.js";
import { NO_CSCA, parseCscaList, type CscaList } from "../icao/csca-list.js";
import { fileFingerprint, watchSource, type SourceObserver, type WatchedSource } from "../reload/watched-source.js";
import { loadRuleSets, ruleSetFiles } from "../rules/load-rule-sets.js";
import type { RuleSet } from "../rules/types.js";
import { dccTrustListOf, parseDccTrustList } from "../trust/dcc-trust-list.js";
import { defaultTrustBundle, loadTrustStore } from "../twoddoc/trust-store.js";
import type { TrustStore } from "../twoddoc/types.js";
import type { DccTrustList } from "../verification/types.js";
import type { VerifierConfig } from "./config.js";

/** A source that never changes: what a development default is. */
function fixed<T>(value: T): WatchedSource<T> {
  return { current: () => value, watch: () => undefined, onSwap: () => () => undefined, close: () => undefined };
}

/** A file read and parsed at start, then watched. */
function watchedFile<T>(path: string, field: string, parse: (text: string) => T): WatchedSource<T> {
  const initialFingerprint = fileFingerprint(path);
  return watchSource({
    initial: parse(readConfigText(path, field)),
    initialFingerprint,
    fingerprint: () => fileFingerprint(path),
    load: async () => parse(await readFile(path, "utf8")),
    field,
  });
}

/** Every set file's version: a new, removed or changed set file is a new version of the rules. */
function rulesFingerprint(dir: string): string {
  try {
    return ruleSetFiles(dir).map((file) => fileFingerprint(file.path)).join("\n");
  } catch {
    return "unreadable";
  }
}

export interface VerifierSources {
  readonly twoddocTrust: WatchedSource<TrustStore>;
  readonly dccTrust: WatchedSource<DccTrustList>;
  readonly icaoTrust: WatchedSource<CscaList>;
  readonly ruleSets: WatchedSource<ReadonlyMap<string, RuleSet>>;
}

export function openSources(config: Pick<VerifierConfig, "trustBundleFile" | "dccTrustList" | "icaoCscaFile" | "rulesDir">): VerifierSources {
  const twoddocTrust = config.trustBundleFile === undefined
    ? fixed(loadTrustStore(defaultTrustBundle()))
    : watchedFile(config.trustBundleFile, "TWODDOC_TRUST_BUNDLE", loadTrustStore);
  const { dccTrustList } = config;
  const dccTrust = dccTrustList.kind === "gateway"
    ? watchedFile(dccTrustList.file, "DCC_TRUST_LIST", parseDccTrustList)
    : fixed(dccTrustListOf(loadSignersFile(dccTrustList.file).flatMap((s) => readCertificateBundle(s.certificatePem, "DCC_SIGNERS"))));
  const icaoTrust = config.icaoCscaFile === undefined ? fixed(NO_CSCA) : watchedFile(config.icaoCscaFile, "ICAO_CSCA", parseCscaList);
  const rulesSeen = rulesFingerprint(config.rulesDir);
  const ruleSets = watchSource({
    initial: loadRuleSets(config.rulesDir),
    initialFingerprint: rulesSeen,
    fingerprint: () => rulesFingerprint(config.rulesDir),
    load: async () => loadRuleSets(config.rulesDir),
    field: "RULES_DIR",
  });
  return { twoddocTrust, dccTrust, icaoTrust, ruleSets };
}

/** Starts every watch with its own observer (the service); `close` stops them. */
export function watchSources(sources: VerifierSources, observerOf: (field: string) => SourceObserver<unknown>): void {
  sources.twoddocTrust.watch(observerOf("TWODDOC_TRUST_BUNDLE"));
  sources.dccTrust.watch(observerOf("DCC_TRUST_LIST"));
  sources.icaoTrust.watch(observerOf("ICAO_CSCA"));
  sources.ruleSets.watch(observerOf("RULES_DIR"));
}

export function closeSources(sources: VerifierSources): void {
  sources.twoddocTrust.close();
  sources.dccTrust.close();
  sources.icaoTrust.close();
  sources.ruleSets.close();
}
