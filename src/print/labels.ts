// The printed labels, French then English, in the wording of Regulation (EU) 2021/953 Annex (the fields of
// the vaccination, test and recovery certificates) as the French and English language versions write them.
export interface Label {
  readonly fr: string;
  readonly en: string;
}

export const TITLE: Label = { fr: "Certificat COVID numérique de l'UE", en: "EU Digital COVID Certificate" };

export const TYPE_TITLES = {
  vaccination: { fr: "Certificat de vaccination", en: "Vaccination certificate" },
  test: { fr: "Certificat de test", en: "Test certificate" },
  recovery: { fr: "Certificat de rétablissement", en: "Certificate of recovery" },
} as const satisfies Record<string, Label>;

export const LABELS = {
  surname: { fr: "Nom(s) de famille", en: "Surname(s)" },
  forename: { fr: "Prénom(s)", en: "Forename(s)" },
  standardised: { fr: "Nom(s) et prénom(s) normalisés (ICAO 9303)", en: "Standardised surname(s) and forename(s)" },
  birthDate: { fr: "Date de naissance", en: "Date of birth" },
  disease: { fr: "Maladie ou agent ciblé", en: "Disease or agent targeted" },
  vaccine: { fr: "Vaccin ou prophylaxie", en: "Vaccine or prophylaxis" },
  product: { fr: "Médicament vaccinal", en: "Vaccine medicinal product" },
  manufacturer: { fr: "Fabricant ou titulaire de l'AMM", en: "Marketing authorisation holder or manufacturer" },
  doses: { fr: "Nombre dans une série de doses", en: "Number in a series of doses" },
  vaccinationDate: { fr: "Date de vaccination", en: "Date of vaccination" },
  vaccinationCountry: { fr: "État membre ou pays tiers de vaccination", en: "Member State or third country of vaccination" },
  testType: { fr: "Type de test", en: "Type of test" },
  testName: { fr: "Nom du test", en: "Test name" },
  testManufacturer: { fr: "Fabricant du test", en: "Test manufacturer" },
  sampleTime: { fr: "Date et heure du prélèvement", en: "Date and time of the test sample collection" },
  testResult: { fr: "Résultat du test", en: "Result of the test" },
  testCentre: { fr: "Centre ou installation de test", en: "Testing centre or facility" },
  testCountry: { fr: "État membre ou pays tiers du test", en: "Member State or third country of the test" },
  firstPositive: { fr: "Date du premier résultat positif", en: "Date of first positive test result" },
  validFrom: { fr: "Certificat valable à partir du", en: "Certificate valid from" },
  validUntil: { fr: "Certificat valable jusqu'au", en: "Certificate valid until" },
  issuer: { fr: "Émetteur du certificat", en: "Certificate issuer" },
  uvci: { fr: "Identifiant unique du certificat", en: "Unique certificate identifier" },
  issuedAt: { fr: "Émis le", en: "Issued on" },
  expiresAt: { fr: "Expire le", en: "Expires on" },
} as const satisfies Record<string, Label>;

export const NOT_GIVEN = "—";
