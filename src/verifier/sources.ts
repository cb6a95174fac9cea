// What the verifier reads from files and reloads on change (docs/verification.md, "Trust and rules, reloaded"):
// TWODDOC_TRUST_BUNDLE, DCC_TRUST_LIST and the rule sets of RULES_DIR (REVOCATION_LIST: src/revocation/list-in-force.ts),
// each through the one reload machinery (src/reload/watched-source.ts): read through the bounded reader and checked at
// start (a broken one stops the start), re-read within seconds of a change, a broken, partial, too large or stuck
// version keeping the one in force. A source given by no file (the development defaults) is fixed. A new source is one
// more entry of `openSources`' list: its field, its files and its parse.
import { readCertificateBundle } from "../cli/verify.js";
import type { FileBounds } from "../io/bounded-file.js";
import { loadSignersFile } from "../hsm/signers-file.js";
import { fileSource, fixedSource, openSource, type SourceObserver, type WatchedSource } from "../reload/watched-source.js";
import { parseRulesFolder, rulesFolderFiles } from "../rules/rules-folder.js";
import type { RuleSet } from "../rules/types.js";
import { dccTrustListOf, parseDccTrustList } from "../trust/dcc-trust-list.js";
import { defaultTrustBundle, loadTrustStore } from "../twoddoc/trust-store.js";
import type { TrustStore } from "../twoddoc/types.js";
import type { DccTrustList } from "../verification/types.js";
import type { VerifierConfig } from "./config.js";

/** A trust list or a rule set file is kilobytes to a few mebibytes (the EU gateway's whole DSC list is under 10 MiB). */
export const SOURCE_FILE_BOUNDS: FileBounds = { maxBytes: 64 * 1024 * 1024, timeoutMs: 20_000 };

/** One text file read through the bounded reader and parsed. */
function textFile<T>(path: string, field: string, parse: (text: string) => T): Promise<WatchedSource<T>> {
  return openSource({ field, files: fileSource(path, SOURCE_FILE_BOUNDS), parse: (bytes: Buffer) => parse(bytes.toString("utf8")) });
}

export interface VerifierSources {
  readonly twoddocTrust: WatchedSource<TrustStore>;
  readonly dccTrust: WatchedSource<DccTrustList>;
  readonly ruleSets: WatchedSource<ReadonlyMap<string, RuleSet>>;
}

/** The variable each source is reported under (logs, `dcc_verifier_reloads_total{source}`). */
const FIELDS: Readonly<Record<keyof VerifierSources, string>> = {
  twoddocTrust: "TWODDOC_TRUST_BUNDLE", dccTrust: "DCC_TRUST_LIST", ruleSets: "RULES_DIR",
};

export async function openSources(config: Pick<VerifierConfig, "trustBundleFile" | "dccTrustList" | "rulesDir">): Promise<VerifierSources> {
  const { trustBundleFile, dccTrustList, rulesDir } = config;
  const developmentSigners = () =>
    loadSignersFile(dccTrustList.file).flatMap((signer) => readCertificateBundle(signer.certificatePem, "DCC_SIGNERS"));
  const [twoddocTrust, dccTrust, ruleSets] = await Promise.all([
    trustBundleFile === undefined
      ? fixedSource(loadTrustStore(defaultTrustBundle()))
      : textFile(trustBundleFile, FIELDS.twoddocTrust, loadTrustStore),
    dccTrustList.kind === "gateway"
      ? textFile(dccTrustList.file, FIELDS.dccTrust, parseDccTrustList)
      : fixedSource(dccTrustListOf(developmentSigners())),
    openSource({
      field: FIELDS.ruleSets, files: rulesFolderFiles(rulesDir, SOURCE_FILE_BOUNDS), parse: (folder) => parseRulesFolder(rulesDir, folder),
    }),
  ]);
  return { twoddocTrust, dccTrust, ruleSets };
}

const each = (sources: VerifierSources) => Object.entries(sources) as [keyof VerifierSources, WatchedSource<unknown>][];

/** Starts every watch with its own observer (the service); `close` stops them. */
export function watchSources(sources: VerifierSources, observerOf: (field: string) => SourceObserver<unknown>): void {
  for (const [name, source] of each(sources)) source.watch(observerOf(FIELDS[name]));
}

export function closeSources(sources: VerifierSources): void {
  for (const [, source] of each(sources)) source.close();
}
