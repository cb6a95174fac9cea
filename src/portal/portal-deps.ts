// What the border portal is given (everything with custody or time is passed in, as for the service itself).
import type { ValueSets } from "../dcc/value-sets.js";
import type { Logger } from "../logging.js";
import type { ClientAddress } from "../net/client-address.js";
import type { TrustStore } from "../twoddoc/types.js";
import type { PortalConfig } from "./portal-config.js";
import type { PortalVerifier } from "./portal-verifier.js";

export interface PortalDeps {
  readonly config: PortalConfig;
  readonly verifier: PortalVerifier;
  /** The 2D-DOC trust list in force (the signature decides between readings of a scan: src/portal/read-scan.ts). */
  readonly trust: () => TrustStore;
  /** The EU value sets: codes shown in words, as on the printable certificate. */
  readonly valueSets: ValueSets;
  readonly logger: Logger;
  /** The client address as TRUST_PROXY defines it: the one reading of it (src/net/client-address.ts). */
  readonly clientAddress: ClientAddress;
  /** The wall clock of sessions and failed logins (not the validation time: that is the verifier's clock). */
  readonly now: () => number;
}
