// Building the verifier's dependencies from its configuration, once, at start: the sources it reloads (trust lists,
// rule sets, revocation list), the mapping tables and value sets, the API clients. Anything missing or inconsistent
// stops the start. `current()` is the state in force for one verification.
import { systemClock } from "../convert.js";
import { loadApiClients, type ApiClients } from "../http/auth.js";
import { emptyRevocationList, openRevocationList, type RevocationList } from "../revocation/list-in-force.js";
import { loadMappingData } from "../mapping/tables.js";
import type { VerificationDeps } from "../verification/types.js";
import type { VerifierConfig } from "./config.js";
import { closeSources, depsInForce, openSources, type VerifierSources } from "./sources.js";

export interface VerifierDeps {
  readonly sources: VerifierSources;
  readonly revocationList: RevocationList;
  readonly apiClients: ApiClients | undefined;
  /** The verification core's dependencies in force now. */
  current(): VerificationDeps;
  close(): void;
}

export async function buildVerifierDeps(config: VerifierConfig, clock: () => Date = systemClock): Promise<VerifierDeps> {
  const { valueSets, tables } = loadMappingData(config.mappingsDir);
  const sources = await openSources(config);
  const revocationList =
    config.revocationListFile === undefined ? emptyRevocationList() : await openRevocationList(config.revocationListFile);
  const apiClients = config.apiKeysFile === undefined ? undefined : loadApiClients(config.apiKeysFile);
  return {
    sources,
    revocationList,
    apiClients,
    current: depsInForce(sources, { revocations: revocationList, tables, valueSets, clock }),
    close() {
      closeSources(sources);
      revocationList.close();
    },
  };
}
