// Specimen DCC payloads (invented identities) of the three types, as this service issues them.
import type { DccPayload } from "../../../src/dcc/types.js";

const nam = { fn: "SPECIMEN", fnt: "SPECIMEN", gn: "JEAN PIERRE", gnt: "JEAN<PIERRE" };

export function vaccinationPayload(): DccPayload {
  return {
    ver: "1.3.0",
    nam: { ...nam },
    dob: "1970-01-01",
    v: [
      {
        tg: "840539006",
        vp: "1119349007",
        mp: "EU/1/20/1528",
        ma: "ORG-100030215",
        dn: 2,
        sd: 2,
        dt: "2021-06-01",
        co: "FR",
        is: "Ministère des Solidarités et de la Santé",
        ci: "URN:UVCI:01:FR:476R6WUM8B9U#0",
      },
    ],
  };
}

export function testPayload(): DccPayload {
  return {
    ver: "1.3.0",
    nam: { ...nam },
    dob: "1970-01",
    t: [
      {
        tg: "840539006",
        tt: "LP6464-4",
        sc: "2021-06-01T10:20:00+02:00",
        tr: "260415000",
        tc: "Laboratoire specimen",
        co: "FR",
        is: "Ministère des Solidarités et de la Santé",
        ci: "URN:UVCI:01:FR:4CZ9TQD5838B#I",
      },
    ],
  };
}

export function recoveryPayload(): DccPayload {
  return {
    ver: "1.3.0",
    nam: { ...nam },
    dob: "",
    r: [
      {
        tg: "840539006",
        fr: "2021-05-01",
        co: "FR",
        is: "Ministère des Solidarités et de la Santé",
        df: "2021-05-12",
        du: "2021-10-28",
        ci: "URN:UVCI:01:FR:476R6WUM8B9U#0",
      },
    ],
  };
}

export const ALL_PAYLOADS = { v: vaccinationPayload, t: testPayload, r: recoveryPayload } as const;

/** A payload mutation: [what, the JSON pointer our check must report, the change]. */
export type Mutation = [name: string, field: string, mutate: (p: Record<string, any>) => void];
// Payloads the official schema refuses too: [what, the JSON pointer we must report, the mutation].
export const OFFICIAL_RULES: Mutation[] = [
  ["no v/t/r", "/", (p) => delete p["v"]],
  ["v and t", "/", (p) => (p["t"] = testPayload().t)],
  ["two entries", "/v", (p) => p["v"].push({ ...p["v"][0] })],
  ["no nam", "/nam", (p) => delete p["nam"]],
  ["neither fnt nor gnt", "/nam", (p) => (p["nam"] = { fn: "X" })],
  ["fnt lower case", "/nam/fnt", (p) => (p["nam"].fnt = "Specimen")],
  ["gnt with a space", "/nam/gnt", (p) => (p["nam"].gnt = "JEAN PIERRE")],
  ["fnt of 81", "/nam/fnt", (p) => (p["nam"].fnt = "A".repeat(81))],
  ["dob with a time", "/dob", (p) => (p["dob"] = "1970-01-01T00:00:00")],
  ["dob before 1900", "/dob", (p) => (p["dob"] = "1899-12-31")],
  ["dn zero", "/v/0/dn", (p) => (p["v"][0].dn = 0)],
  ["sd as text", "/v/0/sd", (p) => (p["v"][0].sd = "2")],
  ["dn fractional", "/v/0/dn", (p) => (p["v"][0].dn = 1.5)],
  ["dt a date-time", "/v/0/dt", (p) => (p["v"][0].dt = "2021-06-01T00:00:00Z")],
  ["dt impossible", "/v/0/dt", (p) => (p["v"][0].dt = "2021-02-30")],
  ["missing mp", "/v/0/mp", (p) => delete p["v"][0].mp],
  ["is of 81", "/v/0/is", (p) => (p["v"][0].is = "x".repeat(81))],
  ["ci of 81", "/v/0/ci", (p) => (p["v"][0].ci = `URN:UVCI:01:FR:${"A".repeat(66)}`)],
  ["co lower case", "/v/0/co", (p) => (p["v"][0].co = "fr")],
  ["ver not semver", "/ver", (p) => (p["ver"] = "1.3")],
];
