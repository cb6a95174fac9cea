// Counting and timing a conversion by channel, document type, outcome code and table version, and by format —
// closed label sets only. The outcome is recorded whether the conversion succeeds or is refused.
import type { ServerResponse } from "node:http";
import type { Conversion } from "../convert.js";
import type { Format } from "../format.js";
import type { AppDeps } from "./deps.js";
import { errorCodeOf } from "./problem-handler.js";
import { locals } from "./request-context.js";

export type Channel = "api" | "batch" | "tac-v1" | "tac-v2" | "issue";

export async function observeConversion<T extends Pick<Conversion, "type">>(
  deps: AppDeps,
  res: ServerResponse | undefined,
  channel: Channel,
  run: () => Promise<T>,
  format: Format = "dcc",
): Promise<T> {
  const stop = deps.metrics.conversionSeconds.startTimer({ channel });
  let outcome = "OK";
  let documentType = "none";
  try {
    const conversion = await run();
    documentType = conversion.type;
    return conversion;
  } catch (error) {
    outcome = errorCodeOf(error);
    throw error;
  } finally {
    stop();
    deps.metrics.conversions.inc({ channel, document_type: documentType, outcome, tables_version: deps.tablesVersion });
    deps.metrics.conversionsByFormat.inc({ format, channel, outcome });
    if (outcome === "ERR_REVOKED") deps.metrics.revokedRefusals.inc({ channel });
    if (res !== undefined) locals(res).documentType = documentType;
  }
}
