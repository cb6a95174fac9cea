// The specimen 2D-DOC used in the start-up hint and the README's curl example: a SPECIMEN identity
// from the French government's 2021 deployment kit ("kit de déploiement – dispositif de contrôle
// sanitaire événementiel"), signed with the production key FR03/AV01 while it was valid, and printed
// in the kit's sample files (public copy: github.com/nipo/tdd, `samples/kit-deploiement_dispositif_de_
// controle_sanitaire_evenementiel/vaccine-valid.txt`). Written with the <GS>/<US> tokens the API accepts.
export const SPECIMEN_2DDOC =
  "DC04FR03AV011E6A1E6AL101FRL0AZAY LE RIDEAU<GS>L1JEAN-PIERRE<GS>L204081952L3COVID-19<GS>L4J07BX03<GS>" +
  "L5COMIRNATY PFIZER/BIONTECH<GS>L6COMIRNATY PFIZER/BIONTECH<GS>L72L82L931032021LATE<US>" +
  "53QFM66P34HCD24I46HH2XGIV5OXWQ2UR5DW5ZCQBLE4ME5WOPTR4S6MDYGYMRGFCRNFZHN26NA2KAJDNERKKGV4FSPCO6OLPTFELJQ";

export function specimenCurlExample(url: string): string {
  return `curl -s -X POST ${url}/v1/conversions -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify({ document: SPECIMEN_2DDOC })}'`;
}
