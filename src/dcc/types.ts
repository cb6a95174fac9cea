// The EU DCC payload (EU DCC JSON schema 1.3.x, ehn-dcc-development/ehn-dcc-schema) and the encoder's visible intermediates.

export type CertificateType = "v" | "t" | "r";
/** The three certificate types, in the schema's order (one entry of exactly one of them per DCC). */
export const CERTIFICATE_TYPES: readonly CertificateType[] = Object.freeze(["v", "t", "r"]);

export function isCertificateType(value: unknown): value is CertificateType {
  return value === "v" || value === "t" || value === "r";
}
export const CERTIFICATE_TYPE_NAMES = { v: "vaccination", t: "test", r: "recovery" } as const;
export type CertificateTypeName = (typeof CERTIFICATE_TYPE_NAMES)[CertificateType];

export interface PersonName {
  fn?: string;
  fnt?: string;
  gn?: string;
  gnt?: string;
}

export interface VaccinationEntry {
  tg: string;
  vp: string;
  mp: string;
  ma: string;
  dn: number;
  sd: number;
  dt: string;
  co: string;
  is: string;
  ci: string;
}

export interface TestEntry {
  tg: string;
  tt: string;
  nm?: string;
  ma?: string;
  sc: string;
  tr: string;
  tc?: string;
  co: string;
  is: string;
  ci: string;
}

export interface RecoveryEntry {
  tg: string;
  fr: string;
  co: string;
  is: string;
  df: string;
  du: string;
  ci: string;
}

export interface DccPayload {
  ver: string;
  nam: PersonName;
  dob: string;
  v?: [VaccinationEntry];
  t?: [TestEntry];
  r?: [RecoveryEntry];
}

/** Which of v/t/r a payload carries (the schema says exactly one); undefined when none. */
export function findCertificateType(payload: object): CertificateType | undefined {
  const record = payload as Readonly<Record<string, unknown>>;
  return CERTIFICATE_TYPES.find((type) => record[type] !== undefined);
}

/** Which of v/t/r a checked payload carries. */
export function certificateTypeOf(payload: DccPayload): CertificateType {
  const type = findCertificateType(payload);
  if (type === undefined) throw new TypeError("payload has no v, t or r entry");
  return type;
}
