// A verified seal's message read as the DCC payload the rule sets judge (docs/verification.md, "ICAO VDS-NC seals"): only
// what the seal says, field by field; whatever the DCC has and the seal does not carry is left out and named in
// `unavailable` (CertLogic `var` paths), so that a rule reading it is `open`, never judged on a guess.
//   icao.vacc ve[0].dis RA01.0 → v.tg 840539006 (COVID-19); the dose of highest `seq` in ve[0].vd: seq → v.dn, dvc →
//   v.dt; uvci → v.ci.
//   icao.test tr.tc molecular(PCR) → t.tt LP6464-4 (NAAT); tr.r → t.tr 260415000 / 260373001; dat.sc → t.sc; sp.spn →
//   t.tc; utci → t.ci; tg 840539006 (the profile is SARS-CoV-2 testing).
// Not carried: the total doses (sd), the vaccine as the EU value sets code it (vp, mp, ma), the country in ISO 3166
// alpha-2 (co, the seal writes alpha-3), the DCC's issuer text (is), the test's name and maker (nm, ma), and the name
// split into family and given names (the seal's `pid.n` is one string: it is shown as the family name), and the CWT
// facts of `external` (iat, exp, kid, issuerCountryCode).
import type { DccPayload } from "../dcc/types.js";
import type { SealProfile } from "../icao/seal-types.js";

/** SNOMED CT 840539006, COVID-19 (EU value set disease-agent-targeted); ICD-11 RA01.0 is COVID-19, virus identified. */
const COVID_19 = "840539006";
const ICD11_COVID_19 = ["RA01.0", "RA01"];
/** LOINC LP6464-4, nucleic acid amplification with probe detection (EU value set covid-19-lab-test-type). */
const NAAT = "LP6464-4";
/** SNOMED CT: not detected / detected (EU value set covid-19-lab-result). */
const TEST_RESULTS: Readonly<Record<string, string>> = { negative: "260415000", positive: "260373001" };
/** The DCC schema version whose shape this payload follows (ehn-dcc-schema 1.3.0). */
const SCHEMA_VERSION = "1.3.0";

export interface SealPayload {
  readonly payload: DccPayload;
  /** `payload.…` and `external.…` paths the seal does not carry. */
  readonly unavailable: readonly string[];
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const first = (value: unknown): Json | undefined => (Array.isArray(value) && isObject(value[0]) ? value[0] : undefined);
/** The dose of highest rank (as a DCC carries the last dose given); undefined when a dose is not an object. */
function lastDose(value: unknown): Json | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isObject)) return undefined;
  const doses = value as Json[];
  return doses.reduce((last, dose) => (Number(dose["seq"]) > Number(last["seq"]) ? dose : last));
}
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

// The name split in parts; and the CWT facts a DCC gives the rules (a seal has no CWT; its issuing state is alpha-3).
const PERSON_UNAVAILABLE = [
  "payload.nam.fnt",
  "payload.nam.gn",
  "payload.nam.gnt",
  "external.iat",
  "external.exp",
  "external.kid",
  "external.issuerCountryCode",
];

function personOf(msg: Json): Pick<DccPayload, "ver" | "nam" | "dob"> | undefined {
  const pid = isObject(msg["pid"]) ? msg["pid"] : undefined;
  const name = text(pid?.["n"]);
  const dob = text(pid?.["dob"]);
  if (name === undefined || dob === undefined || !DATE.test(dob)) return undefined;
  return { ver: SCHEMA_VERSION, nam: { fn: name } as DccPayload["nam"], dob };
}

function vaccinationOf(msg: Json): SealPayload | undefined {
  const person = personOf(msg);
  const event = first(msg["ve"]);
  const dose = lastDose(event?.["vd"]);
  const uvci = text(msg["uvci"]);
  const seq = dose?.["seq"];
  const dvc = text(dose?.["dvc"]);
  if (person === undefined || uvci === undefined || typeof seq !== "number" || !Number.isInteger(seq) || seq < 1) return undefined;
  if (dvc === undefined || !DATE.test(dvc) || dvc.length !== 10) return undefined;
  const covid = ICD11_COVID_19.includes(text(event?.["dis"]) ?? "");
  const entry = { ...(covid ? { tg: COVID_19 } : {}), dn: seq, dt: dvc, ci: uvci };
  const unavailable = ["tg", "vp", "mp", "ma", "sd", "co", "is"].filter((field) => field !== "tg" || !covid);
  return {
    payload: { ...person, v: [entry as NonNullable<DccPayload["v"]>[0]] },
    unavailable: [...PERSON_UNAVAILABLE, ...unavailable.map((field) => `payload.v.0.${field}`)],
  };
}

function testOf(msg: Json): SealPayload | undefined {
  const person = personOf(msg);
  const utci = text(msg["utci"]);
  const sc = isObject(msg["dat"]) ? text(msg["dat"]["sc"]) : undefined;
  const result = isObject(msg["tr"]) ? msg["tr"] : undefined;
  const tr = TEST_RESULTS[text(result?.["r"]) ?? ""];
  const centre = isObject(msg["sp"]) ? text(msg["sp"]["spn"]) : undefined;
  if (person === undefined || utci === undefined || sc === undefined || !DATE_TIME.test(sc) || tr === undefined) return undefined;
  const naat = result?.["tc"] === "molecular(PCR)";
  const entry = { tg: COVID_19, ...(naat ? { tt: NAAT } : {}), sc, tr, ...(centre === undefined ? {} : { tc: centre }), ci: utci };
  const unavailable = ["nm", "ma", "co", "is", ...(naat ? [] : ["tt"]), ...(centre === undefined ? ["tc"] : [])];
  return {
    payload: { ...person, t: [entry as NonNullable<DccPayload["t"]>[0]] },
    unavailable: [...PERSON_UNAVAILABLE, ...unavailable.map((field) => `payload.t.0.${field}`)],
  };
}

/** The payload of a verified seal's `data`, or undefined when its message does not read as its profile says. */
export function sealPayload(profile: SealProfile, data: unknown): SealPayload | undefined {
  const msg = isObject(data) && isObject(data["msg"]) ? data["msg"] : undefined;
  if (msg === undefined) return undefined;
  return profile === "icao.vacc" ? vaccinationOf(msg) : testOf(msg);
}

/** The seal's own identifier (`uvci` / `utci`), the key a revocation list's UCI entry can match. */
export function sealIdOf(data: unknown): string | undefined {
  const msg = isObject(data) && isObject(data["msg"]) ? data["msg"] : undefined;
  return text(msg?.["uvci"]) ?? text(msg?.["utci"]);
}
