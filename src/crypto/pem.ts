// PEM certificate blocks (RFC 7468 §5.1: "-----BEGIN CERTIFICATE-----", base64 lines, "-----END CERTIFICATE-----").
// The body class holds no "-", so the match runs in linear time whatever the input.
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** Every certificate block of a PEM text, in order (text between blocks is ignored). */
export function pemCertificateBlocks(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}
