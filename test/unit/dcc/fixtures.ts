// Specimen DCC payloads (invented identities) of the three types, as this service issues them.
import type { DccPayload } from "../../../src/dcc/types.js";

const nam = { fn: "SPECIMEN", fnt: "SPECIMEN", gn: "JEAN PIERRE", gnt: "JEAN<PIERRE" };

export function vaccinationPayload(): DccPayload {
  return {
    ver: "1.3.0", nam: { ...nam }, dob: "1970-01-01",
    v: [{ tg: "840539006", vp: "1119349007", mp: "EU/1/20/1528", ma: "ORG-100030215", dn: 2, sd: 2, dt: "2021-06-01", co: "FR", is: "Ministère des Solidarités et de la Santé", ci: "URN:UVCI:01:FR:476R6WUM8B9U#0" }],
  };
}

export function testPayload(): DccPayload {
  return {
    ver: "1.3.0", nam: { ...nam }, dob: "1970-01",
    t: [{ tg: "840539006", tt: "LP6464-4", sc: "2021-06-01T10:20:00+02:00", tr: "260415000", tc: "Laboratoire specimen", co: "FR", is: "Ministère des Solidarités et de la Santé", ci: "URN:UVCI:01:FR:4CZ9TQD5838B#I" }],
  };
}

export function recoveryPayload(): DccPayload {
  return {
    ver: "1.3.0", nam: { ...nam }, dob: "",
    r: [{ tg: "840539006", fr: "2021-05-01", co: "FR", is: "Ministère des Solidarités et de la Santé", df: "2021-05-12", du: "2021-10-28", ci: "URN:UVCI:01:FR:476R6WUM8B9U#0" }],
  };
}

export const ALL_PAYLOADS = { v: vaccinationPayload, t: testPayload, r: recoveryPayload } as const;
