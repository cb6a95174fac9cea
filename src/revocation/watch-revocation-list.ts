// What the service does when REVOCATION_LIST changes: count the reload, publish the list's size, and log the
// outcome — by line number only when the file is refused, never a hash (docs/revocation.md: no content in logs or metrics).
import type { Logger } from "../logging.js";
import type { RevocationMetrics } from "../metrics.js";
import type { HashType } from "./hashes.js";
import type { ReloadObserver, RevocationList } from "./list-in-force.js";

function publishSize(metrics: RevocationMetrics, entries: Readonly<Record<HashType, number>>): void {
  for (const [type, count] of Object.entries(entries)) metrics.revocationEntries.set({ hash_type: type }, count);
}

export function watchRevocationList(list: RevocationList, logger: Logger, metrics: RevocationMetrics): void {
  publishSize(metrics, list.entries());
  const observer: ReloadObserver = {
    loaded(entries) {
      metrics.revocationReloads.inc({ result: "ok" });
      publishSize(metrics, entries);
      logger.info({ event: "revocation-list-loaded", entries }, "revocation list reloaded");
    },
    refused(place) {
      metrics.revocationReloads.inc({ result: "failed" });
      logger.error({ event: "revocation-list-refused", field: place }, "revocation list refused; the previous list stays in force");
    },
  };
  list.watch(observer);
}
