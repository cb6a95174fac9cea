// What the HTTP layer is given (everything with custody or time is passed in).
import type { Config } from "../config.js";
import type { MainConversionDeps } from "../deps.js";
import type { Logger } from "../logging.js";
import type { Metrics } from "../metrics.js";
import type { Converter } from "../workers/conversion-pool.js";
import type { ApiClients } from "./auth.js";
import type { CmsSigner } from "../revocation/cms.js";
import type { SealTrustConfig } from "../icao/seal-signers-file.js";

export interface AppDeps {
  readonly config: Config;
  readonly conversion: MainConversionDeps;
  /** Where conversions run: worker threads (src/workers/conversion-pool.ts). */
  readonly converter: Converter;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The mapping-table version in use (metric label, start-up log). */
  readonly tablesVersion: string;
  /** Clients of the native API; undefined = open (development only, a warning is logged at start). */
  readonly apiClients: ApiClients | undefined;
  /** Aborts when the service starts draining (docs/operations.md "Shutdown"): running batches stop reading. */
  readonly stopping: AbortSignal;
  /** ICAO_SIGNERS and ICAO_CSCA as loaded (GET /v1/signers?format=icao); undefined = the format is off. */
  readonly sealTrust: SealTrustConfig | undefined;
  /** Signs revocation batches (REVOCATION_UPLOAD_SIGNER); undefined = batches unsigned (docs/revocation.md). */
  readonly uploadSigner: CmsSigner | undefined;
}
