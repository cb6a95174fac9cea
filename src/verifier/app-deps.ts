// What the verifier's HTTP layer is given (everything with custody or time is passed in).
import type { ApiClients } from "../http/auth.js";
import type { Logger } from "../logging.js";
import type { VerifierMetrics } from "../metrics.js";
import type { Verification, VerificationRequest } from "../verification/types.js";
import type { TrustDocument } from "./trust-document.js";
import type { PortalDeps } from "../portal/portal-deps.js";

export interface VerifierAppDeps {
  readonly config: {
    readonly trustProxy: import("../net/trust-proxy.js").TrustProxy;
    readonly validationTimeAllowed: boolean;
    readonly rateLimits: { readonly apiPerMinute: number };
  };
  readonly logger: Logger;
  readonly metrics: VerifierMetrics;
  readonly apiClients: ApiClients | undefined;
  readonly stopping: AbortSignal;
  /** The core with the trust lists and rules in force, recorded in the usage log and metrics under `channel`. */
  readonly verify: (request: VerificationRequest, channel: string) => Promise<Verification>;
  /** What `GET /v1/verifier/trust` serves, for the sources in force. */
  readonly trustDocument: () => TrustDocument;
  /** The border portal's parts, when it is configured (README, "Border portal"). */
  readonly portal?: PortalDeps;
}
