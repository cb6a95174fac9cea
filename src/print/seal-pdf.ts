// The printable page of an ICAO VDS-NC seal (contract §9, §8.3; docs/international-format.md, "Outputs"): the same A4
// layout as the DCC's (certificate-pdf.ts), a title that says which format it is, the seal's QR code (byte mode,
// ECC M) and its content in French and English, read from the data the seal signed.
import type { SealConversion } from "../icao/convert-seal.js";
import type { TestMessage, VaccinationMessage } from "../icao/seal-types.js";
import { renderPrintablePage } from "./certificate-pdf.js";
import { parisTime, type Row } from "./certificate-content.js";
import { LABELS, NOT_GIVEN, type Label } from "./labels.js";

export const SEAL_TITLE: Label = { fr: "Sceau numérique visible OACI (VDS-NC)", en: "ICAO Visible Digital Seal (VDS-NC)" };
const SEAL_TYPE_TITLES = {
  vaccination: { fr: "Preuve de vaccination", en: "Proof of vaccination" },
  test: { fr: "Preuve de test", en: "Proof of testing" },
} as const satisfies Record<SealConversion["type"], Label>;

const SEAL_LABELS = {
  name: { fr: "Nom et prénom(s)", en: "Name" },
  sex: { fr: "Sexe", en: "Sex" },
  vaccineType: { fr: "Type de vaccin (CIM-11)", en: "Vaccine type (ICD-11)" },
  doseNumber: { fr: "Numéro de la dose", en: "Dose number" },
  reportDate: { fr: "Date du compte rendu", en: "Date of the report" },
  issuingState: { fr: "État émetteur", en: "Issuing state" },
} as const satisfies Record<string, Label>;

const METADATA = {
  Title: "ICAO Visible Digital Seal",
  Author: "dcc-converter",
  Subject: "ICAO VDS-NC / Sceau numérique visible OACI",
  Keywords: "ICAO VDS-NC",
  Creator: "dcc-converter",
  Producer: "dcc-converter",
} as const;

const row = (label: Label, value: string | number | undefined): Row => ({
  label,
  value: value === undefined || value === "" ? NOT_GIVEN : String(value),
});

function vaccinationRows(msg: VaccinationMessage): Row[] {
  const [event] = msg.ve;
  const [dose] = event.vd;
  return [
    row(LABELS.disease, `COVID-19 (ICD-11 ${event.dis})`),
    row(SEAL_LABELS.vaccineType, event.des),
    row(LABELS.product, event.nam),
    row(SEAL_LABELS.doseNumber, dose.seq),
    row(LABELS.vaccinationDate, dose.dvc),
    row(LABELS.vaccinationCountry, dose.ctr),
  ];
}

function testRows(msg: TestMessage): Row[] {
  return [
    row(LABELS.testType, msg.tr.tc),
    row(LABELS.testResult, msg.tr.r),
    row(LABELS.sampleTime, parisTime(msg.dat.sc)),
    row(SEAL_LABELS.reportDate, msg.dat.ri),
    row(LABELS.testCentre, msg.sp.spn),
    row(LABELS.testCountry, msg.sp.ctr),
  ];
}

export function renderSealPdf(conversion: SealConversion): Promise<Buffer> {
  const { msg, hdr } = conversion.data;
  const vaccination = "uvci" in msg;
  const sex = msg.pid.sex === undefined ? [] : [row(SEAL_LABELS.sex, msg.pid.sex)];
  const holder = [row(SEAL_LABELS.name, msg.pid.n), row(LABELS.birthDate, msg.pid.dob), ...sex];
  const issued = row(LABELS.issuedAt, parisTime(conversion.issuedAt));
  const seal = [row(LABELS.uvci, conversion.uvci), row(SEAL_LABELS.issuingState, hdr.is), issued];
  return renderPrintablePage({
    title: SEAL_TITLE,
    subtitle: SEAL_TYPE_TITLES[conversion.type],
    qr: { text: conversion.seal, content: "seal" },
    sections: [holder, vaccination ? vaccinationRows(msg) : testRows(msg as TestMessage), seal],
    metadata: METADATA,
    issuedAt: conversion.issuedAt,
  });
}
