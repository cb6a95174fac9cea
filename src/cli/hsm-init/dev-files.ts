// The files the service reads by default in development (README.md, "Configuration"): DCC_SIGNERS, the TousAntiCovid v2
// key aliases, the UVCI key URI, REVOCATION_UPLOAD_SIGNER, ICAO_SIGNERS and ICAO_CSCA, with certificate paths relative to the JSON file
// (signers-file.ts, upload-signer.ts).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CertificateType } from "../../dcc/types.js";
import { CERTIFICATE_TYPE_NAMES, CERTIFICATE_TYPES } from "../../dcc/types.js";
import { computeKid } from "../../dcc/kid.js";
import { toPem } from "./certificate-builder.js";
import { SEAL_DOCUMENT_TYPES } from "../../icao/seal-types.js";
import { DEV_TOKEN_LABEL } from "./softhsm-conf.js";

export const DEV_TAC_ALIAS = "dev01";
export const DEV_KEY_LABELS = {
  csca: "dev-csca",
  dsc: { v: "dsc-vaccination", t: "dsc-test", r: "dsc-recovery" },
  uvci: "uvci-hmac",
  tac: "tac-dev01",
  upload: "upload",
  icaoCsca: "icao-health-csca",
  icaoSigner: "icao-barcode-signer",
} as const;

export interface DevFiles {
  readonly cscaPath: string;
  readonly signersPath: string;
  readonly tacKeysPath: string;
  readonly uvciKeyPath: string;
  readonly uploadSignerPath: string;
  /** ICAO_SIGNERS and ICAO_CSCA (docs/international-format.md). */
  readonly icaoSignersPath: string;
  readonly icaoCscaPath: string;
  readonly dscs: readonly { readonly type: CertificateType; readonly path: string; readonly kid: string }[];
}

export function devKeyUri(label: string, type: "private" | "secret-key"): string {
  return `pkcs11:token=${DEV_TOKEN_LABEL};object=${label};type=${type}`;
}

export function writeDevFiles(
  dir: string,
  csca: Buffer,
  dscs: Record<CertificateType, Buffer>,
  upload: Buffer,
  icao: { readonly csca: Buffer; readonly signer: Buffer },
): DevFiles {
  const cscaPath = join(dir, "csca.pem");
  writeFileSync(cscaPath, toPem(csca));
  const entries = CERTIFICATE_TYPES.map((type) => {
    const file = `dsc-${CERTIFICATE_TYPE_NAMES[type]}.pem`;
    writeFileSync(join(dir, file), toPem(dscs[type]));
    const kid = computeKid(dscs[type]).toString("base64");
    return { type, file, kid, key: devKeyUri(DEV_KEY_LABELS.dsc[type], "private") };
  });
  const signersPath = join(dir, "signers.json");
  const signers = entries.map(({ type, file, key }) => ({ types: [type], certificate: file, key }));
  writeFileSync(signersPath, `${JSON.stringify(signers, null, 2)}\n`);
  const tacKeysPath = join(dir, "tac-keys.json");
  writeFileSync(tacKeysPath, `${JSON.stringify({ [DEV_TAC_ALIAS]: devKeyUri(DEV_KEY_LABELS.tac, "private") }, null, 2)}\n`);
  const uvciKeyPath = join(dir, "uvci-key.uri");
  writeFileSync(uvciKeyPath, `${devKeyUri(DEV_KEY_LABELS.uvci, "secret-key")}\n`);
  writeFileSync(join(dir, "upload.pem"), toPem(upload));
  const uploadSignerPath = join(dir, "upload-signer.json");
  writeFileSync(
    uploadSignerPath,
    `${JSON.stringify({ certificate: "upload.pem", key: devKeyUri(DEV_KEY_LABELS.upload, "private") }, null, 2)}\n`,
  );
  const icaoCscaPath = join(dir, "icao-csca.pem");
  writeFileSync(icaoCscaPath, toPem(icao.csca));
  writeFileSync(join(dir, "icao-signer.pem"), toPem(icao.signer));
  const icaoSignersPath = join(dir, "icao-signers.json");
  const icaoSignerKey = devKeyUri(DEV_KEY_LABELS.icaoSigner, "private");
  const icaoSigners = [{ types: SEAL_DOCUMENT_TYPES, certificate: "icao-signer.pem", key: icaoSignerKey }];
  writeFileSync(icaoSignersPath, `${JSON.stringify(icaoSigners, null, 2)}\n`);
  const dscFiles = entries.map(({ type, file, kid }) => ({ type, path: join(dir, file), kid }));
  return { cscaPath, signersPath, tacKeysPath, uvciKeyPath, uploadSignerPath, icaoSignersPath, icaoCscaPath, dscs: dscFiles };
}
