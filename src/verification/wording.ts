// The French and English description of each fixed check (docs/verification.md: every check named, in both languages).
// Rule checks take theirs from the rule's own `Description`.
import type { Check, CheckKind, CheckResult, Wording } from "./types.js";

const WORDING = {
  signature: {
    fr: "La signature du certificat est authentique.",
    en: "The certificate's signature is authentic.",
  },
  issuer: {
    fr: "Le signataire est dans la liste de confiance et peut signer ce type de certificat.",
    en: "The signer is in the trust list and may sign this type of certificate.",
  },
  "signer-validity": {
    fr: "Le certificat du signataire était valide à la date de signature.",
    en: "The signer's certificate was valid at the signature date.",
  },
  expiration: {
    fr: "Le certificat est dans sa période de validité (émission et expiration).",
    en: "The certificate is within its validity period (issuance and expiry).",
  },
  schema: {
    fr: "Le contenu suit le schéma du certificat COVID numérique de l'UE.",
    en: "The content follows the EU Digital COVID Certificate schema.",
  },
  revocation: {
    fr: "Le certificat n'est pas révoqué.",
    en: "The certificate has not been revoked.",
  },
  "2ddoc-cycle-state": {
    fr: "Le cycle vaccinal de l'attestation est terminé.",
    en: "The attestation's vaccination cycle is complete.",
  },
  "2ddoc-test-code": {
    fr: "Le test est un test PCR ou antigénique de la liste, avec un résultat positif ou négatif.",
    en: "The test is a listed PCR or antigen test, with a positive or negative result.",
  },
  "2ddoc-payload": {
    fr: "Les champs du 2D-DOC se lisent comme un certificat COVID numérique de l'UE.",
    en: "The 2D-DOC's fields read as an EU Digital COVID Certificate.",
  },
  "seal-format": {
    fr: "Le cachet suit le format ICAO VDS-NC.",
    en: "The seal follows the ICAO VDS-NC format.",
  },
  "seal-chain": {
    fr: "Le certificat du signataire du cachet est émis et signé par une autorité (CSCA) de la liste de confiance.",
    en: "The seal signer's certificate is issued and signed by a CSCA of the trust list.",
  },
  "seal-signer-validity": {
    fr: "Le certificat du signataire du cachet est valide à la date de vérification.",
    en: "The seal signer's certificate is valid at the validation time.",
  },
  "seal-key-usage": {
    fr: "Le certificat du signataire porte l'usage étendu des signataires de cachets sanitaires (ICAO Doc 9303-12).",
    en: "The seal signer's certificate has the extended key usage of health seal signers (ICAO Doc 9303-12).",
  },
  "seal-document-type": {
    fr: "Le signataire peut signer ce type de document (vaccination NV ou test NT).",
    en: "The signer may sign this type of document (vaccination NV or test NT).",
  },
  "seal-content": {
    fr: "Le message du cachet se lit comme un certificat de vaccination ou de test.",
    en: "The seal's message reads as a vaccination or test certificate.",
  },
  "rules-in-force": {
    fr: "Une règle de l'ensemble choisi est en vigueur à la date de vérification.",
    en: "A rule of the chosen set is in force at the validation time.",
  },
} as const satisfies Record<string, Wording>;

export type FixedCheckId = keyof typeof WORDING;

export function fixedCheck(id: FixedCheckId, kind: CheckKind, result: CheckResult): Check {
  return { id, kind, result, description: WORDING[id] };
}
