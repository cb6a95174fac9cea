// Prometheus metrics (prom-client). Labels carry closed sets only: route templates, status codes,
// error codes, document types, table versions, protocol versions, client names — never content.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { logDestinationTally } from "./log-destination.js";

export interface Metrics {
  readonly registry: Registry;
  readonly conversions: Counter<"channel" | "document_type" | "outcome" | "tables_version">;
  /** Conversions by output format (contract §9: `dcc`, `icao`), channel and outcome code. */
  readonly conversionsByFormat: Counter<"format" | "channel" | "outcome">;
  readonly conversionSeconds: Histogram<"channel">;
  readonly httpRequests: Counter<"route" | "method" | "status" | "client">;
  readonly httpSeconds: Histogram<"route" | "method">;
  readonly hsmAvailable: Gauge;
  readonly hsmSessions: Gauge<"state">;
  readonly hsmAvailabilityChanges: Counter<"to">;
  readonly batchLines: Counter<"outcome">;
  readonly tacRequests: Counter<"version" | "outcome">;
  readonly tablesInfo: Gauge<"tables_version">;
  /** 503 ERR_OVERLOADED answers by the bounded queue that refused (docs/operations.md "Bounds"). */
  readonly overloadRefusals: Counter<"queue">;
  /** Real readiness probes (PKCS#11 signatures), by outcome; cached verdicts are not counted. */
  readonly readinessProbes: Counter<"outcome">;
  readonly revokedRefusals: Counter<"channel">;
  readonly revocationReloads: Counter<"result">;
  readonly revocationEntries: Gauge<"hash_type">;
}

/** The bounded queues whose refusals are counted: the error's `field` (a closed set, never input). */
export const OVERLOAD_QUEUES = ["batch", "hsm", "workers", "revocations", "render"] as const;

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  registerLogDestinationCounters(registers);
  return {
    registry,
    conversions: new Counter({
      name: "dcc_conversions_total",
      help: "Conversions and issuances by channel, 2D-DOC type, outcome code and mapping-table version",
      labelNames: ["channel", "document_type", "outcome", "tables_version"],
      registers,
    }),
    conversionsByFormat: new Counter({
      name: "dcc_conversions_by_format_total",
      help: "Conversions by output format (dcc, icao), channel and outcome code",
      labelNames: ["format", "channel", "outcome"],
      registers,
    }),
    conversionSeconds: new Histogram({
      name: "dcc_conversion_duration_seconds",
      help: "Time to convert one document, from input to HC1",
      labelNames: ["channel"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    ...httpMetrics(registers),
    hsmAvailable: new Gauge({ name: "dcc_hsm_available", help: "1 when the PKCS#11 signer answers", registers }),
    hsmSessions: new Gauge({
      name: "dcc_hsm_sessions",
      help: "PKCS#11 sessions of the pool (state=size), operations using one (busy) or queued for one (waiting)",
      labelNames: ["state"],
      registers,
    }),
    hsmAvailabilityChanges: new Counter({
      name: "dcc_hsm_availability_changes_total",
      help: "HSM availability transitions (outage begins: to=unavailable; over: to=available)",
      labelNames: ["to"],
      registers,
    }),
    batchLines: new Counter({
      name: "dcc_batch_lines_total",
      help: "Batch lines processed by outcome code",
      labelNames: ["outcome"],
      registers,
    }),
    tacRequests: new Counter({
      name: "dcc_tac_requests_total",
      help: "TousAntiCovid conversion requests by protocol version and outcome code",
      labelNames: ["version", "outcome"],
      registers,
    }),
    tablesInfo: new Gauge({
      name: "dcc_mapping_tables_info",
      help: "The mapping-table version in use (value 1)",
      labelNames: ["tables_version"],
      registers,
    }),
    overloadRefusals: overloadRefusalsCounter(registers),
    readinessProbes: new Counter({
      name: "dcc_readiness_probes_total",
      help: "Readiness probes that signed through the HSM (cached verdicts excluded), by outcome",
      labelNames: ["outcome"],
      registers,
    }),
    revokedRefusals: new Counter({
      name: "dcc_revoked_refusals_total",
      help: "Conversions refused because the certificate is revoked (ERR_REVOKED), by channel",
      labelNames: ["channel"],
      registers,
    }),
    ...revocationMetrics(registers),
  };
}

/** The metrics of every HTTP listener, converter and verifier alike (src/http/request-context.ts). */
export type HttpMetrics = Pick<Metrics, "httpRequests" | "httpSeconds">;

function httpMetrics(registers: Registry[]): HttpMetrics {
  return {
    httpRequests: new Counter({
      name: "dcc_http_requests_total",
      help: "HTTP requests by route template, method, status and API client name",
      labelNames: ["route", "method", "status", "client"],
      registers,
    }),
    httpSeconds: new Histogram({
      name: "dcc_http_request_duration_seconds",
      help: "HTTP request latency by route template",
      labelNames: ["route", "method"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
  };
}

/** The REVOCATION_LIST's reloads and size, in both services (src/revocation/watch-revocation-list.ts). */
export type RevocationMetrics = Pick<Metrics, "revocationReloads" | "revocationEntries">;

function revocationMetrics(registers: Registry[]): RevocationMetrics {
  return {
    revocationReloads: new Counter({
      name: "dcc_revocation_list_reloads_total",
      help: "Re-reads of a changed REVOCATION_LIST: ok = in force, failed = refused, the previous list kept",
      labelNames: ["result"],
      registers,
    }),
    revocationEntries: new Gauge({
      name: "dcc_revocation_list_entries",
      help: "Entries of the REVOCATION_LIST in force, by hash type",
      labelNames: ["hash_type"],
      registers,
    }),
  };
}

/**
 * The verifier's metrics (docs/verification.md): `dcc_verifications_total{decision, reason, format, channel}` — reason is the
 * first failing (or open) check's id, a closed set (fixed ids and the identifiers of the loaded rules); the HTTP and
 * revocation metrics the converter has; the reloads of its trust lists and rules.
 */
export interface VerifierMetrics extends HttpMetrics, RevocationMetrics, Pick<Metrics, "overloadRefusals"> {
  readonly registry: Registry;
  readonly verifications: Counter<"decision" | "reason" | "format" | "channel">;
  readonly sourceReloads: Counter<"source" | "result">;
}

export function createVerifierMetrics(): VerifierMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  registerLogDestinationCounters(registers);
  return {
    registry,
    ...httpMetrics(registers),
    ...revocationMetrics(registers),
    overloadRefusals: overloadRefusalsCounter(registers),
    verifications: new Counter({
      name: "dcc_verifications_total",
      help: "Verifications by decision, first failing or open check, barcode format and channel (API client name or border-portal)",
      labelNames: ["decision", "reason", "format", "channel"],
      registers,
    }),
    sourceReloads: new Counter({
      name: "dcc_verifier_reloads_total",
      help: "Re-reads of a changed trust list or rule set: ok = in force, failed = refused, the previous one kept",
      labelNames: ["source", "result"],
      registers,
    }),
  };
}

/** Read at each scrape from the log destination's own tally (src/log-destination.ts): it exists before the metrics. */
function registerLogDestinationCounters(registers: Registry[]): void {
  new Counter({
    name: "dcc_log_write_failures_total",
    help: "Failed writes of the log destination (standard output), by system error code",
    labelNames: ["code"],
    registers,
    collect() {
      this.reset();
      for (const [code, count] of logDestinationTally.failures) this.inc({ code }, count);
    },
  });
  new Counter({
    name: "dcc_log_lines_dropped_total",
    help: "Log lines dropped because the log destination could not take them",
    registers,
    collect() {
      this.reset();
      this.inc(logDestinationTally.dropped);
    },
  });
}

function overloadRefusalsCounter(registers: Registry[]): Counter<"queue"> {
  const counter = new Counter({
    name: "dcc_overload_refusals_total",
    help: "Requests refused with 503 ERR_OVERLOADED, by the bounded queue that was full",
    labelNames: ["queue"],
    registers,
  });
  for (const queue of OVERLOAD_QUEUES) counter.inc({ queue }, 0); // present at 0 before the first refusal
  return counter;
}
