// What the printable certificate says, as rows of (label, value): the holder, the one entry of its type
// in words (codes through the EU value sets' display names), and the certificate itself.
// Dates are printed as the payload gives them (a partial date of birth stays `1952` or `1952-08`);
// instants (sample time, issuance, expiry) as Paris wall-clock time with their offset.
import type { Conversion } from "../convert.js";
import type { DccPayload, RecoveryEntry, TestEntry, VaccinationEntry } from "../dcc/types.js";
import type { ValueSets } from "../dcc/value-sets.js";
import { parisLocalTime } from "../mapping/paris-time.js";
import { LABELS, NOT_GIVEN, TYPE_TITLES, type Label } from "./labels.js";

export interface Row {
  readonly label: Label;
  readonly value: string;
}

export interface CertificateContent {
  readonly title: Label;
  readonly holder: readonly Row[];
  readonly entry: readonly Row[];
  readonly certificate: readonly Row[];
}

function row(label: Label, value: string | undefined): Row {
  return { label, value: value === undefined || value === "" ? NOT_GIVEN : value };
}

/** `2021-04-26 10:30 (UTC+02:00)`; an unreadable instant is printed as given. */
export function parisTime(value: string): string {
  const instant = Date.parse(value);
  const local = Number.isNaN(instant) ? null : parisLocalTime(instant);
  return local === null ? value : `${local.date} ${local.time} (UTC${local.offset})`;
}

function standardisedName(payload: DccPayload): string {
  const { fnt, gnt } = payload.nam;
  return gnt === undefined ? (fnt ?? "") : `${fnt ?? ""}<<${gnt}`;
}

export function holderRows(payload: DccPayload): Row[] {
  return [
    row(LABELS.surname, payload.nam.fn),
    row(LABELS.forename, payload.nam.gn),
    row(LABELS.standardised, standardisedName(payload)),
    row(LABELS.birthDate, payload.dob),
  ];
}

function vaccinationRows(v: VaccinationEntry, sets: ValueSets): Row[] {
  return [
    row(LABELS.disease, sets.display("disease-agent-targeted", v.tg)),
    row(LABELS.vaccine, sets.display("vaccine-prophylaxis", v.vp)),
    row(LABELS.product, sets.display("vaccine-medicinal-product", v.mp)),
    row(LABELS.manufacturer, sets.display("vaccine-mah-manf", v.ma)),
    // A seal says the dose's rank, not the total doses (src/verification/seal-payload.ts).
    row(LABELS.doses, (v.sd as number | undefined) === undefined ? `${v.dn}` : `${v.dn}/${v.sd}`),
    row(LABELS.vaccinationDate, v.dt),
    row(LABELS.vaccinationCountry, sets.display("country-2-codes", v.co)),
  ];
}

function testRows(t: TestEntry, sets: ValueSets): Row[] {
  return [
    row(LABELS.disease, sets.display("disease-agent-targeted", t.tg)),
    row(LABELS.testType, sets.display("test-type", t.tt)),
    ...(t.nm === undefined ? [] : [row(LABELS.testName, t.nm)]),
    ...(t.ma === undefined ? [] : [row(LABELS.testManufacturer, t.ma)]),
    row(LABELS.sampleTime, parisTime(t.sc)),
    row(LABELS.testResult, sets.display("test-result", t.tr)),
    ...(t.tc === undefined ? [] : [row(LABELS.testCentre, t.tc)]),
    row(LABELS.testCountry, sets.display("country-2-codes", t.co)),
  ];
}

function recoveryRows(r: RecoveryEntry, sets: ValueSets): Row[] {
  return [
    row(LABELS.disease, sets.display("disease-agent-targeted", r.tg)),
    row(LABELS.firstPositive, r.fr),
    row(LABELS.testCountry, sets.display("country-2-codes", r.co)),
    row(LABELS.validFrom, r.df),
    row(LABELS.validUntil, r.du),
  ];
}

/** The rows of the payload's one entry (the border portal shows the same rows: src/portal/result-view.ts). */
export function entryRows(payload: DccPayload, sets: ValueSets): { rows: Row[]; entry: VaccinationEntry | TestEntry | RecoveryEntry } {
  if (payload.v !== undefined) return { rows: vaccinationRows(payload.v[0], sets), entry: payload.v[0] };
  if (payload.t !== undefined) return { rows: testRows(payload.t[0], sets), entry: payload.t[0] };
  if (payload.r !== undefined) return { rows: recoveryRows(payload.r[0], sets), entry: payload.r[0] };
  throw new TypeError("payload has no v, t or r entry");
}

export function certificateContent(conversion: Conversion, sets: ValueSets): CertificateContent {
  const payload = conversion.payload;
  const { rows, entry } = entryRows(payload, sets);
  return {
    title: TYPE_TITLES[conversion.type],
    holder: holderRows(payload),
    entry: rows,
    certificate: [
      row(LABELS.issuer, entry.is),
      row(LABELS.uvci, entry.ci),
      row(LABELS.issuedAt, parisTime(conversion.issuedAt)),
      row(LABELS.expiresAt, parisTime(conversion.expiresAt)),
    ],
  };
}
