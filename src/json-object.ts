// A parsed JSON value that is an object (RFC 8259 §4): not null, not an array. What every reader of configuration and
// barcode JSON checks before it reads a member.
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
