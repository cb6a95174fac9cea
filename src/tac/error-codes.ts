// The `{codeError, msgError}` answers of the TousAntiCovid endpoints. The apps show neither field (they show
// their own "conversion failed" alert; docs/tousanticovid.md, "Errors"): both are for operators and other
// clients. codeError is a stable, documented list; msgError is a fixed French sentence a reader understands.
// Neither ever carries a value of the request.
// The HTTP status is always the product's own (its record in src/errors.ts).
import type { ErrorCode } from "../errors.js";

export interface TacError {
  readonly codeError: string;
  readonly msgError: string;
}

const AGAIN_LATER = "Veuillez réessayer plus tard.";
const ELSEWHERE = "Vous pouvez obtenir votre certificat européen sur attestation-vaccin.ameli.fr (vaccination) ou sidep.gouv.fr (test).";

/** Every codeError the TousAntiCovid endpoints can answer, with its message. */
export const TAC_ERRORS = {
  INVALID_REQUEST: `La demande de conversion est incomplète ou mal formée. Mettez à jour l'application TousAntiCovid et réessayez.`,
  UNSUPPORTED_CONVERSION: "Seule la conversion d'un certificat 2D-DOC français en certificat européen est possible.",
  UNKNOWN_KEY_ALIAS:
    "La clé de chiffrement utilisée par l'application n'est plus valable. Mettez à jour l'application TousAntiCovid et réessayez.",
  INVALID_PUBLIC_KEY: "La demande chiffrée n'a pas pu être établie. Réessayez ; si le problème persiste, mettez à jour l'application.",
  DECRYPTION_FAILED: "La demande chiffrée n'a pas pu être lue. Réessayez ; si le problème persiste, mettez à jour l'application.",
  UNREADABLE_DOCUMENT: `Le code 2D-DOC n'a pas pu être lu. Scannez à nouveau le code de votre certificat. ${ELSEWHERE}`,
  INVALID_SIGNATURE: `Ce certificat n'a pas été émis par une autorité française reconnue ou sa signature n'est pas valide. ${ELSEWHERE}`,
  UNSUPPORTED_DOCUMENT: `Seuls les certificats de test et de vaccination français peuvent être convertis. ${ELSEWHERE}`,
  ANTIGEN_TEST:
    "Les tests antigéniques ne peuvent pas être convertis : le certificat 2D-DOC ne contient pas toutes les informations nécessaires. Vous pouvez obtenir votre certificat européen sur sidep.gouv.fr.",
  SEROLOGY_TEST: "Les tests sérologiques ne donnent pas droit à un certificat européen.",
  TEST_RESULT: "Un résultat de test indéterminé ou non conforme ne peut pas être converti.",
  POSITIVE_TEST: `Ce service ne convertit pas les tests positifs. ${ELSEWHERE}`,
  REVOKED_CERTIFICATE: "Ce certificat a été révoqué : il ne peut pas être converti en certificat européen.",
  INVALID_DOCUMENT_DATA: `Les informations de ce certificat ne permettent pas de produire un certificat européen. ${ELSEWHERE}`,
  NOT_FOUND: "Ce service n'existe pas. Mettez à jour l'application TousAntiCovid.",
  TOO_MANY_REQUESTS: `Trop de demandes ont été envoyées depuis votre connexion. ${AGAIN_LATER}`,
  SERVICE_UNAVAILABLE: `Le service de conversion est momentanément indisponible. ${AGAIN_LATER}`,
  SERVER_ERROR: `Une erreur est survenue pendant la conversion. ${AGAIN_LATER}`,
} as const;

export type TacCodeError = keyof typeof TAC_ERRORS;

/** Product codes with a codeError of their own; every other code falls back by its HTTP status. */
const BY_CODE: Partial<Readonly<Record<ErrorCode, TacCodeError>>> = {
  ERR_TAC_SOURCE: "UNSUPPORTED_CONVERSION",
  ERR_TAC_KEY_ALIAS: "UNKNOWN_KEY_ALIAS",
  ERR_TAC_CLIENT_KEY: "INVALID_PUBLIC_KEY",
  ERR_TAC_DECRYPT: "DECRYPTION_FAILED",
  ERR_2DDOC_SIGNATURE: "INVALID_SIGNATURE",
  ERR_2DDOC_UNKNOWN_SIGNER: "INVALID_SIGNATURE",
  ERR_2DDOC_SIGNER_NOT_VALID: "INVALID_SIGNATURE",
  ERR_2DDOC_NOT_FRENCH: "INVALID_SIGNATURE",
  ERR_2DDOC_DOCUMENT_TYPE: "UNSUPPORTED_DOCUMENT",
  ERR_MAPPING_ANTIGEN_TEST: "ANTIGEN_TEST",
  ERR_MAPPING_SEROLOGY_TEST: "SEROLOGY_TEST",
  ERR_MAPPING_TEST_RESULT: "TEST_RESULT",
  ERR_MAPPING_POSITIVE_TEST: "POSITIVE_TEST",
  ERR_NOT_FOUND: "NOT_FOUND",
  ERR_METHOD_NOT_ALLOWED: "NOT_FOUND",
  ERR_RATE_LIMITED: "TOO_MANY_REQUESTS",
  ERR_REVOKED: "REVOKED_CERTIFICATE",
  ERR_OVERLOADED: "SERVICE_UNAVAILABLE",
};

/**
 * The codeError of a product error code. The fallback goes by HTTP status so that a code added later
 * by another stage still gets a sensible answer: 400 = the 2D-DOC (or the request) is unreadable,
 * 422 = a readable document that cannot be converted, 503 = come back later.
 */
export function tacCodeErrorOf(code: ErrorCode, status: number): TacCodeError {
  const explicit = BY_CODE[code];
  if (explicit !== undefined) return explicit;
  if (code.startsWith("ERR_2DDOC_") && status === 400) return "UNREADABLE_DOCUMENT";
  if (status === 400 || status === 406 || status === 413 || status === 415) return "INVALID_REQUEST";
  if (status === 422) return "INVALID_DOCUMENT_DATA";
  if (status === 503) return "SERVICE_UNAVAILABLE";
  return "SERVER_ERROR";
}

export function tacErrorOf(code: ErrorCode, status: number): TacError {
  const codeError = tacCodeErrorOf(code, status);
  return { codeError, msgError: TAC_ERRORS[codeError] };
}
