// DCC JSON schema 1.3.x (vaccination, test and recovery entries): the coded fields of each entry and the EU
// value set that holds their codes.
// `t[0].ma` (the RAT device, JRC list) is not bundled: see check-payload.ts.
import type { CertificateType } from "./types.js";
import type { ValueSetName } from "./value-sets.js";

export const CODED_FIELDS: Readonly<Record<CertificateType, Readonly<Record<string, ValueSetName>>>> = {
  v: {
    tg: "disease-agent-targeted",
    vp: "vaccine-prophylaxis",
    mp: "vaccine-medicinal-product",
    ma: "vaccine-mah-manf",
    co: "country-2-codes",
  },
  t: { tg: "disease-agent-targeted", tt: "test-type", tr: "test-result", co: "country-2-codes" },
  r: { tg: "disease-agent-targeted", co: "country-2-codes" },
};
