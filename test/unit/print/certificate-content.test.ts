// What the printable certificate says: codes in words from the value sets, dates as given, instants in Paris.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Conversion } from "../../../src/convert.js";
import type { DccPayload } from "../../../src/dcc/types.js";
import { loadValueSets } from "../../../src/dcc/value-sets.js";
import { certificateContent, parisTime } from "../../../src/print/certificate-content.js";

const sets = loadValueSets();
const UVCI = "URN:UVCI:01:FR:ABCDEFGHIJKLMNOP#Q";

function conversion(payload: DccPayload, type: Conversion["type"]): Conversion {
  return { dcc: "HC1:", type, uvci: UVCI, kid: "", issuedAt: "2021-07-01T08:00:00.000Z", expiresAt: "2022-01-01T08:00:00.000Z", payload };
}

const values = (rows: ReadonlyArray<{ label: { en: string }; value: string }>) =>
  Object.fromEntries(rows.map((r) => [r.label.en, r.value]));

test("a test certificate: type and result in words, sample time in Paris with its offset", () => {
  const content = certificateContent(
    conversion(
      {
        ver: "1.3.0",
        nam: { fnt: "SPECIMEN" },
        dob: "1970",
        t: [
          {
            tg: "840539006",
            tt: "LP6464-4",
            sc: "2021-04-26T10:30:00+02:00",
            tr: "260415000",
            tc: "Laboratoire Specimen",
            co: "FR",
            is: "SI-DEP",
            ci: UVCI,
          },
        ],
      },
      "test",
    ),
    sets,
  );
  assert.equal(content.title.en, "Test certificate");
  const holder = values(content.holder);
  assert.equal(holder["Surname(s)"], "—");
  assert.equal(holder["Standardised surname(s) and forename(s)"], "SPECIMEN");
  assert.equal(holder["Date of birth"], "1970");
  const entry = values(content.entry);
  assert.equal(entry["Type of test"], "Nucleic acid amplification with probe detection");
  assert.equal(entry["Result of the test"], "Not detected");
  assert.equal(entry["Date and time of the test sample collection"], "2021-04-26 10:30 (UTC+02:00)");
  assert.equal(entry["Testing centre or facility"], "Laboratoire Specimen");
  assert.equal(entry["Member State or third country of the test"], "France");
  const certificate = values(content.certificate);
  assert.equal(certificate["Unique certificate identifier"], UVCI);
  assert.equal(certificate["Issued on"], "2021-07-01 10:00 (UTC+02:00)");
  assert.equal(certificate["Expires on"], "2022-01-01 09:00 (UTC+01:00)");
});

test("a vaccination: product and manufacturer names from the value sets, doses n/m", () => {
  const entry = values(
    certificateContent(
      conversion(
        {
          ver: "1.3.0",
          nam: { fn: "Specimen", fnt: "SPECIMEN", gn: "Zoé", gnt: "ZOE" },
          dob: "1970-01",
          v: [
            {
              tg: "840539006",
              vp: "1119349007",
              mp: "EU/1/20/1507",
              ma: "ORG-100031184",
              dn: 1,
              sd: 2,
              dt: "2021-06-01",
              co: "DE",
              is: "CNAM",
              ci: UVCI,
            },
          ],
        },
        "vaccination",
      ),
      sets,
    ).entry,
  );
  assert.equal(entry["Vaccine medicinal product"], "Spikevax");
  assert.equal(entry["Marketing authorisation holder or manufacturer"], "Moderna Biotech Spain S.L.");
  assert.equal(entry["Number in a series of doses"], "1/2");
  assert.equal(entry["Member State or third country of vaccination"], "Germany");
});

test("an instant that is not a date is printed as given", () => {
  assert.equal(parisTime("not a date"), "not a date");
});
